// CommonJS consumer of @ghl-inbound/types: tsc compiles these imports to require(), so this file proves the
// .d.cts declarations under node16 and the .cjs build at run time.
import assert = require("node:assert/strict");

import { readFileSync } from "node:fs";
import {
  API_VERSION,
  type ApiVersion,
  INBOUND_MESSAGE_TYPES,
  type InboundMessageRequest,
  OPERATION,
} from "@ghl-inbound/types";

const version: ApiVersion = API_VERSION;
assert.match(version, /^\d{4}-\d{2}-\d{2}$/);
assert.equal(OPERATION.path, "/conversations/messages/inbound");
assert.ok(INBOUND_MESSAGE_TYPES.includes("WhatsApp"));

const body: InboundMessageRequest = {
  type: "Email",
  contactId: "c1",
  conversationProviderId: "p1",
  html: "<p>hi</p>",
};
// @ts-expect-error a body names its conversation or its contact
const byNeither: InboundMessageRequest = { type: "SMS", conversationProviderId: "p1" };
assert.equal([body, byNeither].length, 2);

// require() of the package itself, not only of what tsc emitted for the imports above.
const required: typeof import("@ghl-inbound/types") = require("@ghl-inbound/types");
assert.equal(required.API_VERSION, API_VERSION);
assert.match(readFileSync(require.resolve("@ghl-inbound/types/openapi.yaml"), "utf8"), /^openapi: 3\.1/m);

console.log("types: ok");
