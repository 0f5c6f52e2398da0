// CommonJS consumer of @ghl-inbound/mock: require() loads the .cjs build, which starts and stops the mock.
import assert = require("node:assert/strict");

import { startMockServer } from "@ghl-inbound/mock";

async function main(): Promise<void> {
  // This file runs with require(esm) on (Prism needs it), so prove that require took our CommonJS build.
  assert.match(require.resolve("@ghl-inbound/mock"), /\.cjs$/);
  const mock = await startMockServer({ port: 0 });
  try {
    assert.ok(Number.isInteger(mock.port) && mock.port > 0);
  } finally {
    await mock.stop();
  }
  await assert.rejects(fetch(new URL("/conversations/messages/inbound", mock.url), { method: "POST" }));
}

main().then(
  () => console.log("mock: ok"),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
