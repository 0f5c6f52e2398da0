import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One POST as the server saw it. */
export interface Arrival {
  /** The message's `altId` (or the `id` a test request carries): every test message has a unique one. */
  id: string;
  /** performance.now() in the test process when the request's headers arrived. */
  atMs: number;
  /** What the server answered: a status, or "reset" when it destroyed the socket instead. */
  answer: number | "reset";
}

/** How to answer: a status with headers (2xx answers carry a HighLevel success body), or "reset". */
export type Answer = { status: number; headers?: Record<string, string> } | "reset";

export interface CountingServerOptions {
  /**
   * Decides each answer from the request's id and how many times that id arrived before.
   * @default a 200 with a success body
   */
  answer?: (id: string, seenBefore: number) => Answer;
  /** Runs at each arrival with the number of POSTs so far: a test acts at an exact point (kill Redis, abort). */
  onArrival?: (count: number) => void;
  /** Holds every answer this long, so that requests overlap and "in flight" means something. */
  answerDelayMs?: number;
}

export interface CountingServer {
  /** http://127.0.0.1:<port>: a base URL for the client, or where a worker POSTs (any path counts). */
  url: string;
  /** Every POST in order of arrival. */
  arrivals: Arrival[];
  /** The most POSTs the server held open at once. */
  readonly maxInFlight: number;
  /** How many times an id arrived; `answered2xx`: how many of those were answered with success. */
  countsFor(id: string): { arrived: number; answered2xx: number; answeredNot429: number };
  close(): Promise<void>;
}

/**
 * A stand-in for HighLevel that counts, for the client's and the limiter's suites: a real node:http
 * server on 127.0.0.1 that records when each POST arrives (by the `altId` or `id` of its JSON body) and
 * what it answered. A 2xx stands for "added", so a test can check that nothing was added twice. GETs
 * (workers warming up their connection) get a 204 and are not counted.
 */
export async function startCountingServer(options: CountingServerOptions = {}): Promise<CountingServer> {
  const arrivals: Arrival[] = [];
  const seen = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    const atMs = performance.now();
    if (request.method !== "POST") {
      response.writeHead(204).end();
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let isSettled = false;
    const settle = () => {
      if (!isSettled) inFlight--;
      isSettled = true;
    };
    response.on("close", settle);
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      text += chunk;
    });
    request.on("end", () => {
      const body = JSON.parse(text) as { altId?: string; id?: string };
      const id = String(body.altId ?? body.id);
      const seenBefore = seen.get(id) ?? 0;
      seen.set(id, seenBefore + 1);
      const answer = options.answer?.(id, seenBefore) ?? { status: 200 };
      arrivals.push({ id, atMs, answer: answer === "reset" ? "reset" : answer.status });
      options.onArrival?.(arrivals.length);
      const reply = () => {
        if (answer === "reset") {
          request.socket.destroy();
          settle();
          return;
        }
        send(response, answer, id);
      };
      if (options.answerDelayMs) setTimeout(reply, options.answerDelayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    get maxInFlight() {
      return maxInFlight;
    },
    countsFor(id) {
      const mine = arrivals.filter((arrival) => arrival.id === id);
      return {
        arrived: mine.length,
        answered2xx: mine.filter((arrival) => typeof arrival.answer === "number" && arrival.answer < 300)
          .length,
        answeredNot429: mine.filter((arrival) => arrival.answer !== 429).length,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, answer: Exclude<Answer, "reset">, id: string): void {
  if (response.destroyed) return;
  const isSuccess = answer.status >= 200 && answer.status < 300;
  const body = JSON.stringify(
    isSuccess
      ? {
          success: true,
          conversationId: "ABC12h2F6uBrIkfXYazb",
          messageId: `msg-${id}`,
          message: "Message added",
          contactId: "ve9EPM428h8vShlRW1KT",
          dateAdded: "2024-07-29T15:51:28.071Z",
        }
      : { statusCode: answer.status, message: "scripted failure" },
  );
  response.writeHead(answer.status, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
    ...answer.headers,
  });
  response.end(body);
}

/**
 * The most arrivals in any window [t, t + windowMs): the number HighLevel compares with its limit.
 * The worst window always starts at an arrival, so only those starts are checked.
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
