#!/usr/bin/env node
/**
 * ghl-inbound-mock: serves the Add an inbound message API from its spec for frontend developers.
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP close the server and every connection, then exit 0, also when
 * the signal comes while the server is still starting; so does the exit of the package manager that
 * started it (see parent-process.ts).
 */
import { parseArgs } from "node:util";
import { findLauncherChain, isStartedByPackageManager, watchLauncherChain } from "./parent-process.js";
import type { MockServer } from "./server.js";

const USAGE = `Usage: ghl-inbound-mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--spec <path|url>] [--quiet]

  --port      port to listen on (default 4010; 0 picks a free one)
  --host      interface to listen on (default 127.0.0.1)
  --dynamic   generate bodies from the schemas instead of the spec's examples
  --spec      another OpenAPI file or URL (default: the spec shipped in @ghl-inbound/mock)
  --quiet     print only the ready line, not one line per request
`;

/** Prism's own default port, so that guides written for Prism work unchanged. */
const DEFAULT_PORT = 4010;

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** stop() ends every connection at once, so this only guards against a close that never comes. */
const FORCED_EXIT_MS = 5_000;

let server: MockServer | undefined;
let isStopping = false;

/** Closes the server, if it has started, and exits; later calls are no-ops. */
function stopAndExit(): void {
  if (isStopping) return;
  isStopping = true;
  // Before the ready line nothing has connected yet: exiting releases whatever was being set up.
  if (server === undefined) process.exit(0);
  setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}

async function main(): Promise<void> {
  // Before anything else, and so before Prism is loaded: a signal during the ~0.5 s start must not
  // be lost (or ignored, in a process started in the background with SIGINT ignored) and leave a
  // server listening.
  for (const signal of STOP_SIGNALS) process.on(signal, stopAndExit);

  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      dynamic: { type: "boolean", default: false },
      spec: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (isStartedByPackageManager())
    void findLauncherChain().then((chain) => watchLauncherChain(chain, stopAndExit));
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  const { startMockServer } = await import("./server.js");
  server = await startMockServer({
    port,
    dynamic: values.dynamic,
    logRequests: !values.quiet,
    ...(values.host !== undefined && { host: values.host }),
    ...(values.spec !== undefined && { spec: values.spec }),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `ghl-inbound-mock: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`,
  );
  process.exit(1);
});
