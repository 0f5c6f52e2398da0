import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { docsHtmlUrl } from "./assets.js";
import { createRequestHandler } from "./handler.js";
import { type MockServerOptions, normalizeOptions } from "./options.js";
import { createPrismMock } from "./prism.js";
import { createRequestLog, type RecordedRequest } from "./request-log.js";
import { loadSpec } from "./spec.js";

export interface MockServer {
  /** Base URL of the mock, e.g. `http://127.0.0.1:4010`: send requests to `${url}/conversations/messages/inbound`. */
  url: string;
  port: number;
  /** The rendered API reference, `${url}/docs`. */
  docsUrl: string;
  /**
   * The requests received, oldest first, each with the status it got: the last 100 (a copy, read
   * again for newer ones). The Authorization token is redacted, its scheme kept.
   */
  readonly requests: RecordedRequest[];
  /** Forgets the requests received so far, e.g. between tests that share one mock. */
  clearRequests(): void;
  /** Closes the server and every open connection; resolves when nothing listens any more. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts Prism on the spec (in this process: nothing is left behind if the caller dies) behind a
 * node:http server that adds CORS, the API reference at /docs, the spec at /openapi.yaml and
 * /openapi.json, and 4xx bodies that name the problem.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const resolved = normalizeOptions(options);
  const spec = await loadSpec(resolved.spec);
  const prism = await createPrismMock(spec.document, { dynamic: resolved.dynamic });
  const docsHtml = spec.isEmbedded ? await readDocs() : undefined;
  const requestLog = createRequestLog();
  const server = createServer(
    createRequestHandler({
      spec,
      prism,
      docsHtml,
      logRequest: resolved.logRequests ? resolved.log : undefined,
      requestLog,
    }),
  );
  const port = await listen(server, resolved.port, resolved.host);
  const url = `http://${urlHost(resolved.host)}:${port}`;
  const docsUrl = `${url}/docs`;
  resolved.log(`ghl-inbound mock ready at ${url} (docs: ${docsUrl})`);

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    docsUrl,
    get requests() {
      return requestLog.list();
    },
    clearRequests: () => requestLog.clear(),
    stop() {
      stopping ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // close() waits for keep-alive connections (a browser's, an undici pool's) to go idle: end them now.
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === "EADDRINUSE" ? " (the port is in use: pass another port, or 0 for a free one)" : "";
      reject(
        new Error(`mock: cannot listen on ${host}:${port}: ${error.code ?? error.message}${hint}`, {
          cause: error,
        }),
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

/** Browsers cannot open the wildcard addresses: print a loopback one instead. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

async function readDocs(): Promise<string | undefined> {
  try {
    return await readFile(docsHtmlUrl(), "utf8");
  } catch {
    // Only a package built without its docs step lacks the page; /docs then says so.
    return undefined;
  }
}
