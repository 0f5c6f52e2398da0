import { once } from "node:events";
import { createServer } from "node:http";

export interface Arrival {
  id: string;
  /** performance.now() in this process when the request's headers arrived. */
  atMs: number;
}

export interface CountingServer {
  url: string;
  /** Every POST in order of arrival. */
  arrivals: Arrival[];
  close(): Promise<void>;
}

/**
 * The most arrivals in any window [t, t + windowMs): the number HighLevel would compare with its
 * limit. The worst window always starts at an arrival, so only those starts are checked.
 */
export function maxCountInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! - sorted[start]! < windowMs) end++;
    max = Math.max(max, end - start);
  }
  return max;
}

/**
 * A local stand-in for HighLevel's side of the limit: a node:http server on 127.0.0.1 that records
 * when each POST arrives (its JSON body carries the request's id) and answers 200; other methods get
 * a 204 and are not counted.
 * `onArrival` runs with the count so far, so a test can act at an exact point (kill Redis).
 */
export async function startCountingServer(onArrival?: (count: number) => void): Promise<CountingServer> {
  const arrivals: Arrival[] = [];
  const server = createServer((request, response) => {
    const atMs = performance.now();
    // Workers warm up with a GET; only POSTs are messages.
    if (request.method !== "POST") {
      response.writeHead(204).end();
      return;
    }
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      const { id } = JSON.parse(body) as { id: string };
      arrivals.push({ id, atMs });
      onArrival?.(arrivals.length);
      response.writeHead(200, { "content-type": "application/json" }).end('{"success":true}');
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}/conversations/messages/inbound`,
    arrivals,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
