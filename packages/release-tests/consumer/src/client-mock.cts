// CommonJS consumer of the client and the mock together: both required, one message sent through the client.
import assert = require("node:assert/strict");

import { createHighLevelClient } from "@ghl-inbound/client";
import { startMockServer } from "@ghl-inbound/mock";
import type { InboundMessageResponse } from "@ghl-inbound/types";

async function main(): Promise<void> {
  // This file runs with require(esm) on (Prism needs it), so prove that require took our CommonJS build.
  assert.match(require.resolve("@ghl-inbound/mock"), /\.cjs$/);
  assert.match(require.resolve("@ghl-inbound/client"), /\.cjs$/);
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
    assert.ok(typeof added.messageId === "string" && added.messageId.length > 0);
  } finally {
    await mock.stop();
  }
}

main().then(
  () => console.log("client-mock: ok"),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
