// The per-attempt timeout must end a call whose answer's body never comes, whatever the garbage
// collector does: nodejs/node#55428 loses the abort of an AbortSignal.any() once it is collected,
// and a body read that waits on it then waits forever. The built package, in a child with gc() forced.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, expect, it } from "vitest";
import { type MisbehavingServer, startMisbehavingServer } from "./helpers.js";

const fixture = fileURLToPath(new URL("./fixtures/stalled-body.mjs", import.meta.url));
let server: MisbehavingServer | undefined;

beforeAll(() => {
  if (!existsSync(new URL("../dist/index.js", import.meta.url))) {
    throw new Error("packages/client/dist is missing: run `pnpm build` first (turbo's test task does)");
  }
});
afterEach(async () => {
  await server?.close();
});

it("times out a 201 whose body stalls, with garbage collection forced, and sends once", async () => {
  server = await startMisbehavingServer((_request, response) => {
    response.writeHead(201, { "Content-Type": "application/json", "Content-Length": "500" });
    response.write('{"success":true,');
  });
  // A 3 s timeout: on two busy cores the request itself can take longer than 500 ms to reach the
  // server, and then the timeout ends it before it is sent.
  const child = spawn(process.execPath, ["--expose-gc", fixture, server.url, "3000"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  // Generous: the timeout is 3 s; a hang is what fails, not slowness.
  const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const [code, signal] = await once(child, "close");
  clearTimeout(killer);
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(JSON.parse(stdout)).toEqual({ outcome: "RequestTimeoutError" });
  expect(server.requests).toHaveLength(1);
}, 30_000);
