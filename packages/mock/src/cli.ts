#!/usr/bin/env node
/**
 * ghl-inbound-mock: serves the Add an inbound message API from its spec for frontend developers.
 * Ctrl-C (SIGINT) and SIGTERM close the server and every connection, then exit 0.
 */
import { parseArgs } from "node:util";
import { startMockServer } from "./server.js";

const USAGE = `Usage: ghl-inbound-mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--spec <path|url>] [--quiet]

  --port      port to listen on (default 4010; 0 picks a free one)
  --host      interface to listen on (default 127.0.0.1)
  --dynamic   generate bodies from the schemas instead of the spec's examples
  --spec      another OpenAPI file or URL (default: the spec shipped in @ghl-inbound/mock)
  --quiet     print only the ready line, not one line per request
`;

/** Prism's own default port, so that guides written for Prism work unchanged. */
const DEFAULT_PORT = 4010;

async function main(): Promise<void> {
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
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  const server = await startMockServer({
    port,
    dynamic: values.dynamic,
    logRequests: !values.quiet,
    ...(values.host !== undefined && { host: values.host }),
    ...(values.spec !== undefined && { spec: values.spec }),
  });
  const stop = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `ghl-inbound-mock: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`,
  );
  process.exit(1);
});
