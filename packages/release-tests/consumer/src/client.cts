// CommonJS consumer of @ghl-inbound/client with no server: require() must load the .cjs build, and with it
// openapi-fetch's CommonJS build, which breaks if it is bundled into ours rather than kept external.
import assert = require("node:assert/strict");

import { createHighLevelClient } from "@ghl-inbound/client";
import type { InboundMessageRequest, InboundMessageResponse } from "@ghl-inbound/types";

const client = createHighLevelClient({ accessToken: "t" });
assert.equal(typeof client.addInboundMessage, "function");

const body: InboundMessageRequest = {
  type: "SMS",
  contactId: "c1",
  conversationProviderId: "p1",
  message: "hi",
};

// Never called: only the compiler reads it, so nothing is sent.
async function sendForTypesOnly(): Promise<InboundMessageResponse> {
  // @ts-expect-error a body names its conversation or its contact
  await client.addInboundMessage({ type: "SMS", conversationProviderId: "p1", message: "hi" });
  return client.addInboundMessage(body);
}
assert.equal(typeof sendForTypesOnly, "function");

const required: typeof import("@ghl-inbound/client") = require("@ghl-inbound/client");
assert.equal(required.createHighLevelClient, createHighLevelClient);

console.log("client: ok");
