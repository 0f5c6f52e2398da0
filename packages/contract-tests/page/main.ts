// The page's script: fills the type list from @ghl-inbound/types, sends the form through
// sendInboundMessage() and shows the answer in #status and #result for a person (or a test) to read.
import {
  INBOUND_MESSAGE_TYPES,
  type InboundMessageRequest,
  type InboundMessageType,
} from "@ghl-inbound/types";
import { sendInboundMessage } from "./send-message.js";

const form = document.querySelector<HTMLFormElement>("#message-form")!;
const status = document.querySelector<HTMLOutputElement>("#status")!;
const result = document.querySelector<HTMLPreElement>("#result")!;

const typeSelect = form.elements.namedItem("type") as HTMLSelectElement;
for (const type of INBOUND_MESSAGE_TYPES) typeSelect.add(new Option(type, type));
const baseUrlInput = form.elements.namedItem("baseUrl") as HTMLInputElement;
baseUrlInput.value = new URLSearchParams(location.search).get("api") ?? "";

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const body = {
    type: field("type") as InboundMessageType,
    conversationProviderId: field("conversationProviderId"),
    message: field("message"),
    ...(field("contactId") !== "" && { contactId: field("contactId") }),
  } as InboundMessageRequest;
  status.dataset.state = "sending";
  status.textContent = "Sending...";
  try {
    const answer = await sendInboundMessage(
      { baseUrl: field("baseUrl"), accessToken: field("accessToken"), prefer: field("prefer") },
      body,
    );
    status.dataset.status = String(answer.status);
    status.textContent = answer.ok ? `Added (${answer.status})` : `Refused (${answer.status})`;
    result.textContent = JSON.stringify(answer.ok ? answer.data : answer.error, null, 2);
  } catch (error) {
    // A CORS refusal lands here: fetch rejects with a TypeError and the page cannot see the status.
    status.dataset.status = "network-error";
    status.textContent = `Network error: ${error instanceof Error ? error.message : String(error)}`;
  }
  status.dataset.state = "done";
});
