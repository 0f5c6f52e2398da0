// ESM consumer of the client and the mock together: start the mock, send a message through the client.
import assert from "node:assert/strict";
import { createHighLevelClient } from "@ghl-inbound/client";
import { startMockServer } from "@ghl-inbound/mock";
import type { InboundMessageResponse } from "@ghl-inbound/types";

const mock = await startMockServer({ port: 0 });
try {
  const client = createHighLevelClient({ accessToken: "t", baseUrl: mock.url });
  const added: InboundMessageResponse = await client.addInboundMessage({
    type: "SMS",
    contactId: "c1",
    conversationProviderId: "p1",
    message: "hi",
  });
  assert.equal(typeof added.success, "boolean");
  assert.equal(typeof added.conversationId, "string");
  assert.equal(typeof added.message, "string");
  assert.ok(typeof added.messageId === "string" && added.messageId.length > 0);
} finally {
  await mock.stop();
}

console.log("client-mock: ok");
