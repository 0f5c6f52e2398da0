// ESM consumer of @ghl-inbound/mock: it starts the mock on a free port and stops it again.
import assert from "node:assert/strict";
import { startMockServer } from "@ghl-inbound/mock";

const mock = await startMockServer({ port: 0 });
try {
  assert.ok(Number.isInteger(mock.port) && mock.port > 0);
  assert.equal(new URL(mock.url).port, String(mock.port));
} finally {
  await mock.stop();
}

// Stopped means nothing listens any more: a stranger's test run would otherwise never exit.
await assert.rejects(fetch(new URL("/conversations/messages/inbound", mock.url), { method: "POST" }));

console.log("mock: ok");
