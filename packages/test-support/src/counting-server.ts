import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * How to answer one POST: a status with headers (2xx answers carry a HighLevel success body), a hang,
 * a reset socket, or "stall-body": a 201's headers and the start of its body, then nothing (counted
 * as added: the server took the message).
 */
export type Answer = { status: number; headers?: Record<string, string> } | "hang" | "reset" | "stall-body";

/** One POST as the server saw it. */
export interface Arrival {
  /** The message's `altId` (or the `id` a test request carries): every test message has a unique one. */
  id: string;
  /** The request body as parsed JSON. */
  body: unknown;
  /** performance.now() in the test process when the request's headers arrived. */
  atMs: number;
  /** The status answered, or "hang"/"reset"/"stall-body". */
  answer: number | "hang" | "reset" | "stall-body";
}

export interface CountingServerOptions {
  /**
   * HighLevel's burst limit, enforced over a sliding window: an arrival that makes more than `limit`
   * within any `intervalMs` is answered 429 (Retry-After until the window frees a slot) and counted
   * in `overLimit`. Every answer carries the matching X-RateLimit-Max/Remaining/Interval headers.
   */
  burst?: { limit: number; intervalMs: number };
  /**
   * The day's budget: once `limit` requests were answered 2xx, every request gets a 429 with
   * `X-RateLimit-Daily-Remaining: 0` (and `Retry-After`, when given). 2xx answers carry the remaining count.
   */
  daily?: { limit: number; retryAfterSeconds?: number };
  /**
   * Overrides the answer to an arrival, from its id, how many times that id arrived before and the
   * number of POSTs so far; undefined keeps the default (the limits, then a 200).
   */
  answer?: (arrival: { id: string; seenBefore: number; count: number }) => Answer | undefined;
  /** Holds every answer this long, so that requests overlap and "in flight" means something. */
  answerDelayMs?: number;
  /** Runs at each arrival with the number of POSTs so far: a test acts at an exact point (kill Redis, abort). */
  onArrival?: (count: number) => void;
  /** Keep no per-arrival record (a load of 100k requests): only the counts. */
  isCountOnly?: boolean;
}

export interface CountingServer {
  /** http://127.0.0.1:<port>: a base URL for the client, or where a worker POSTs (any path counts). */
  url: string;
  /** Every POST in order of arrival (empty with `isCountOnly`). */
  readonly arrivals: readonly Arrival[];
  /** POSTs received. */
  readonly requestCount: number;
  /** The most POSTs the server held open at once. */
  readonly maxInFlight: number;
  /** Arrivals answered 429 because they broke the burst limit. */
  readonly overLimit: number;
  /** How many times each id was answered 2xx: "added". Nothing may ever be added twice. */
  readonly added: ReadonlyMap<string, number>;
  /** How many times each id arrived, whatever the answer. */
  readonly arrived: ReadonlyMap<string, number>;
  /** How an id's arrivals were answered, from `arrivals` (so not with `isCountOnly`). */
  countsFor(id: string): { arrived: number; answered2xx: number; answeredNot429: number };
  /** A new day: the daily budget is `limit` again. */
  setDailyLimit(limit: number): void;
  close(): Promise<void>;
}

/**
 * A stand-in for HighLevel's "Add an inbound message" that counts: a real node:http server on
 * 127.0.0.1 that records each POST by the `altId` (or `id`) of its JSON body and what it answered,
 * enforces a burst and a daily limit as HighLevel does (the X-RateLimit-* headers included) when
 * given them, and can be scripted to fail (5xx, 429, hang, reset). A 2xx stands for "added", so a
 * test can check that nothing was added twice. GETs (workers warming up their connection) get a 204
 * and are not counted.
 */
export async function startCountingServer(options: CountingServerOptions = {}): Promise<CountingServer> {
  const arrivals: Arrival[] = [];
  const added = new Map<string, number>();
  const arrived = new Map<string, number>();
  const windowTimes: number[] = [];
  let windowStart = 0;
  let requestCount = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let overLimit = 0;
  let dailyLimit = options.daily?.limit;
  let dailyUsed = 0;
  const hanging = new Set<ServerResponse>();

  function rateHeaders(remainingInWindow: number): Record<string, string> {
    const headers: Record<string, string> = {};
    if (options.burst) {
      headers["X-RateLimit-Max"] = String(options.burst.limit);
      headers["X-RateLimit-Remaining"] = String(Math.max(0, remainingInWindow));
      headers["X-RateLimit-Interval-Milliseconds"] = String(options.burst.intervalMs);
    }
    if (dailyLimit !== undefined) {
      headers["X-RateLimit-Limit-Daily"] = String(dailyLimit);
      headers["X-RateLimit-Daily-Remaining"] = String(Math.max(0, dailyLimit - dailyUsed));
    }
    return headers;
  }

  /** The default answer: burst limit, then daily limit, then a 200. */
  function defaultAnswer(nowMs: number): Answer {
    let remainingInWindow = Number.POSITIVE_INFINITY;
    if (options.burst) {
      const { limit, intervalMs } = options.burst;
      while (windowStart < windowTimes.length && windowTimes[windowStart]! <= nowMs - intervalMs)
        windowStart++;
      if (windowStart > 4096) {
        windowTimes.splice(0, windowStart);
        windowStart = 0;
      }
      windowTimes.push(nowMs);
      const inWindow = windowTimes.length - windowStart;
      remainingInWindow = limit - inWindow;
      if (inWindow > limit) {
        overLimit++;
        const freeInMs = windowTimes[windowStart]! + intervalMs - nowMs;
        return {
          status: 429,
          headers: { ...rateHeaders(0), "Retry-After": String(Math.max(1, Math.ceil(freeInMs / 1000))) },
        };
      }
    }
    if (dailyLimit !== undefined && dailyUsed >= dailyLimit) {
      const retryAfter = options.daily?.retryAfterSeconds;
      return {
        status: 429,
        headers: {
          ...rateHeaders(remainingInWindow),
          ...(retryAfter !== undefined && { "Retry-After": String(retryAfter) }),
        },
      };
    }
    dailyUsed++;
    return { status: 200, headers: rateHeaders(remainingInWindow) };
  }

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
      requestCount++;
      const body = JSON.parse(text) as { altId?: unknown; id?: unknown };
      const id = String(body.altId ?? body.id ?? "(none)");
      const seenBefore = arrived.get(id) ?? 0;
      arrived.set(id, seenBefore + 1);
      const answer = options.answer?.({ id, seenBefore, count: requestCount }) ?? defaultAnswer(atMs);
      if (
        answer === "stall-body" ||
        (typeof answer !== "string" && answer.status >= 200 && answer.status < 300)
      ) {
        added.set(id, (added.get(id) ?? 0) + 1);
      }
      if (!options.isCountOnly) {
        arrivals.push({ id, body, atMs, answer: typeof answer === "string" ? answer : answer.status });
      }
      options.onArrival?.(requestCount);
      const reply = () => {
        if (answer === "hang") hanging.add(response);
        else if (answer === "stall-body") {
          hanging.add(response);
          response.writeHead(201, { "Content-Type": "application/json", "Content-Length": "500" });
          response.write('{"success":true,');
        } else if (answer === "reset") {
          request.socket.destroy();
          settle();
        } else send(response, answer, id);
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
    get requestCount() {
      return requestCount;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get overLimit() {
      return overLimit;
    },
    added,
    arrived,
    countsFor(id) {
      const mine = arrivals.filter((arrival) => arrival.id === id);
      return {
        arrived: mine.length,
        answered2xx: mine.filter((arrival) => typeof arrival.answer === "number" && arrival.answer < 300)
          .length,
        answeredNot429: mine.filter((arrival) => arrival.answer !== 429).length,
      };
    },
    setDailyLimit(limit) {
      dailyLimit = limit;
      dailyUsed = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, answer: Exclude<Answer, string>, id: string): void {
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
