// A start line for processes that must begin together (replicas contending for one budget): each one
// waits at it with a GET, and all are answered at once when the last arrives. A count of arrivals,
// rather than a wall-clock instant guessed late enough for every process to have loaded: on a busy
// machine a guess is too early, and the replicas then do not contend at all.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StartLine {
  /** http://127.0.0.1:<port>: a process GETs it, and the answer comes when every runner is there. */
  url: string;
  /** Stops it; a runner still waiting then sees its GET fail, rather than wait forever. */
  close(): Promise<void>;
}

/** Opens a start line for `runners` processes. */
export async function openStartLine(runners: number): Promise<StartLine> {
  const waiting: ServerResponse[] = [];
  const server = createServer((_request, response) => {
    waiting.push(response);
    if (waiting.length === runners) for (const runner of waiting) runner.end("go");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
