// ESM consumer of the command line: the installed `ghl-inbound` bin backfills a JSONL file into the mock,
// then a re-run sends nothing (the journal); `sendFile` is importable too.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { EXIT_CODES, type SendFileOptions, sendFile } from "@ghl-inbound/cli";
import { startMockServer } from "@ghl-inbound/mock";

assert.equal(typeof sendFile, "function");
assert.equal(EXIT_CODES.invalidInput, 2);
const options: SendFileOptions = { input: "history.jsonl", dryRun: true };
assert.equal(options.dryRun, true);

const bin = join(process.cwd(), "node_modules", ".bin", "ghl-inbound");
const dir = mkdtempSync(join(tmpdir(), "consumer-cli-"));
const mock = await startMockServer({ port: 0 });
try {
  const input = join(dir, "history.jsonl");
  const message = { type: "SMS", contactId: "c1", conversationProviderId: "p1", message: "hi" };
  writeFileSync(
    input,
    `${JSON.stringify({ ...message, altId: "a1" })}\n${JSON.stringify({ ...message, altId: "a2" })}\n`,
  );
  const env = { ...process.env, GHL_ACCESS_TOKEN: "t" };
  const send = ["send", input, "--base-url", mock.url, "--rate-limit", "off"];
  // Asynchronously: the mock answers from this process's event loop.
  const run = promisify(execFile);
  await run(bin, send, { env });
  const done = readFileSync(`${input}.journal`, "utf8")
    .split("\n")
    .filter((line) => line.includes('"done"'));
  assert.equal(done.length, 2);
  const again = await run(bin, send, { env });
  assert.match(again.stderr, /2 lines: 0 to send, 2 already added/);
  assert.match((await run(bin, ["--help"])).stdout, /Usage: ghl-inbound send FILE/);
} finally {
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log("cli: ok");
