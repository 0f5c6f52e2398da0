import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SUCCESS } from "./helpers.js";

/** One POST as the server saw it. */
export interface Arrival {
  /** The message's `altId` (every test message carries a unique one). */
  altId: string;
  /** performance.now() in the test process when the request's headers arrived. */
  atMs: number;
  /** What the server answered: a status, or "reset" when it destroyed the socket instead. */
  answer: number | "reset";
}

/** How to answer: a status with headers (2xx answers carry the documented success body), or "reset". */
export type Answer = { status: number; headers?: Record<string, string> } | "reset";

export interface CountingServerOptions {
  /**
   * Decides each answer from the message's altId and how many times that altId arrived before.
   * @default a 200 with the success body
   */
  answer?: (altId: string, seenBefore: number) => Answer;
  /** Runs at each arrival with the number of POSTs so far: a test acts at an exact point (kill Redis, abort). */
  onArrival?: (count: number) => void;
  /** Holds every answer this long, so that requests overlap and "in flight" means something. */
  answerDelayMs?: number;
}

export interface CountingServer {
  /** http://127.0.0.1:<port>, to pass as baseUrl. */
  url: string;
  /** Every POST in order of arrival. */
  arrivals: Arrival[];
  /** The most POSTs the server held open at once. */
  readonly maxInFlight: number;
  /** How many times each altId arrived; `answered2xx`: how many of those were answered with success. */
  countsFor(altId: string): { arrived: number; answered2xx: number; answeredNot429: number };
  close(): Promise<void>;
}

/**
 * A stand-in for HighLevel that counts: a real node:http server on 127.0.0.1 that records when each
 * message (by altId) arrives and what it answered. A 2xx answer stands for "added", so a test can
 * check that no message was added twice. GETs (workers warming up their connection) get a 204 and
 * are not counted.
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
    let settled = false;
    const settle = () => {
      if (!settled) inFlight--;
      settled = true;
    };
    response.on("close", settle);
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      text += chunk;
    });
    request.on("end", () => {
      const { altId } = JSON.parse(text) as { altId: string };
      const seenBefore = seen.get(altId) ?? 0;
      seen.set(altId, seenBefore + 1);
      const answer = options.answer?.(altId, seenBefore) ?? { status: 200 };
      arrivals.push({ altId, atMs, answer: answer === "reset" ? "reset" : answer.status });
      options.onArrival?.(arrivals.length);
      const reply = () => {
        if (answer === "reset") {
          request.socket.destroy();
          settle();
          return;
        }
        send(response, answer, altId);
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
    countsFor(altId) {
      const mine = arrivals.filter((arrival) => arrival.altId === altId);
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

function send(response: ServerResponse, answer: Exclude<Answer, "reset">, altId: string): void {
  if (response.destroyed) return;
  const isSuccess = answer.status >= 200 && answer.status < 300;
  const body = JSON.stringify(
    isSuccess
      ? { ...SUCCESS, messageId: `msg-${altId}` }
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

/** `count` messages with unique altIds `<prefix>-<index>`, each a valid SMS. */
export function numberedMessages(prefix: string, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    type: "SMS" as const,
    contactId: "ve9EPM428h8vShlRW1KT",
    conversationProviderId: "61d6d1f9cdac7612faf80753",
    message: `message ${index}`,
    altId: `${prefix}-${index}`,
  }));
}
