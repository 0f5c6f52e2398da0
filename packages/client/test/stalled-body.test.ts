// The per-attempt timeout must end a call whose answer's body never comes, whatever the garbage
// collector does: nodejs/node#55428 loses the abort of an AbortSignal.any() once it is collected,
// and a body read that waits on it then waits forever. The built package, in a child with gc() forced,
// whose timeout fires on a mock clock once the body has stalled through a number of collections: what
// is asserted is the outcome and the count, and the only real-time bound is the one that catches a hang.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runNodeForOutput } from "@ghl-inbound/test-support/json-process";
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
  // node:test's mock timers are experimental on Node 20: its warning is not this test's business.
  const flags = ["--expose-gc", "--disable-warning=ExperimentalWarning"];
  const output = await runNodeForOutput([...flags, fixture, server.url], {
    label: "stalled-body fixture",
    // Generous: a hang is what fails, not slowness.
    timeoutMs: 20_000,
  });
  expect(JSON.parse(output)).toEqual({ outcome: "RequestTimeoutError", collectionsWhileStalled: 10 });
  expect(server.requests).toHaveLength(1);
}, 30_000);
