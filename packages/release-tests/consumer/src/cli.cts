// CommonJS consumer of the command line's library: sendFile required, run against the mock.
import assert = require("node:assert/strict");
import fs = require("node:fs");
import os = require("node:os");
import path = require("node:path");

import { EXIT_CODES, sendFile } from "@ghl-inbound/cli";
import { startMockServer } from "@ghl-inbound/mock";

async function main(): Promise<void> {
  // This file runs with require(esm) on (Prism needs it), so prove that require took our CommonJS build.
  assert.match(require.resolve("@ghl-inbound/cli"), /\.cjs$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-cli-cjs-"));
  const mock = await startMockServer({ port: 0 });
  try {
    const input = path.join(dir, "history.jsonl");
    fs.writeFileSync(
      input,
      `${JSON.stringify({ type: "SMS", contactId: "c1", conversationProviderId: "p1", altId: "a1" })}\n`,
    );
    const result = await sendFile({
      input,
      accessToken: "t",
      baseUrl: mock.url,
      rateLimit: "off",
      stderr: fs.createWriteStream(path.join(dir, "log")),
    });
    assert.equal(result.exitCode, EXIT_CODES.allDone);
    assert.equal(result.counts?.added, 1);
  } finally {
    await mock.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => console.log("cli: ok"),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
