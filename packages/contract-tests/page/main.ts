// The page's script: fills the type list from @ghl-inbound/types, sends the form through
// sendInboundMessage() (the client) and shows the outcome in #status and #result for a person
// (or a test) to read.
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
  delete status.dataset.outcome;
  delete status.dataset.errorName;
  delete status.dataset.status;
  status.textContent = "Sending...";
  result.textContent = "";
  const answer = await sendInboundMessage(
    { baseUrl: field("baseUrl"), accessToken: field("accessToken"), prefer: field("prefer") },
    body,
  );
  if (answer.ok) {
    status.dataset.outcome = "added";
    status.textContent = `Added: message ${answer.data.messageId}`;
    result.textContent = JSON.stringify(answer.data, null, 2);
  } else {
    const { ok: _ok, ...error } = answer;
    status.dataset.outcome = "refused";
    status.dataset.errorName = error.name;
    if (error.status !== undefined) status.dataset.status = String(error.status);
    status.textContent = error.status === undefined ? error.name : `${error.name} (${error.status})`;
    result.textContent = JSON.stringify(error, null, 2);
  }
  status.dataset.state = "done";
});
