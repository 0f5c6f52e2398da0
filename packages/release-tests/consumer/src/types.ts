// ESM consumer of @ghl-inbound/types, as a stranger's strict project writes it.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  API_VERSION,
  type ApiVersion,
  CALL_STATUSES,
  type CallStatus,
  INBOUND_MESSAGE_TYPES,
  type InboundMessageRequest,
  type InboundMessageResponse,
  type InboundMessageType,
  jsonSchemas,
  MESSAGE_DIRECTIONS,
  OPERATION,
  type paths,
} from "@ghl-inbound/types";

const version: ApiVersion = API_VERSION;
assert.match(version, /^\d{4}-\d{2}-\d{2}$/);
assert.equal(OPERATION.method, "POST");
assert.equal(OPERATION.path, "/conversations/messages/inbound");

const sms: InboundMessageType = "SMS";
const completed: CallStatus = "completed";
assert.ok(INBOUND_MESSAGE_TYPES.includes(sms));
assert.ok(CALL_STATUSES.includes(completed));
assert.deepEqual([...MESSAGE_DIRECTIONS].sort(), ["inbound", "outbound"]);
assert.equal(typeof jsonSchemas.InboundMessageRequest, "object");

const byContact: InboundMessageRequest = {
  type: "SMS",
  contactId: "c1",
  conversationProviderId: "p1",
  message: "hi",
};
const byConversation: InboundMessageRequest = {
  type: "Custom",
  conversationId: "v1",
  conversationProviderId: "p1",
};
// @ts-expect-error a body names its conversation or its contact
const byNeither: InboundMessageRequest = { type: "SMS", conversationProviderId: "p1", message: "hi" };
// @ts-expect-error "Fax" is not a message type
const badType: InboundMessageRequest = { type: "Fax", contactId: "c1", conversationProviderId: "p1" };
assert.equal([byContact, byConversation, byNeither, badType].length, 4);

type Body = paths["/conversations/messages/inbound"]["post"]["requestBody"];
const body: NonNullable<Body>["content"]["application/json"] = byContact;
const response: InboundMessageResponse = {
  success: true,
  conversationId: "v1",
  messageId: "m1",
  message: "ok",
};
assert.equal(body.type, "SMS");
assert.equal(response.success, true);

// The spec ships as a file export: a consumer finds it through the package's exports map.
const specPath = fileURLToPath(import.meta.resolve("@ghl-inbound/types/openapi.yaml"));
assert.match(await readFile(specPath, "utf8"), /^openapi: 3\.1/m);

console.log("types: ok");
