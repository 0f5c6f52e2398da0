import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How to answer one POST instead of the default: a status (with headers), a hang, or a reset socket. */
export type ScriptedAnswer = { status: number; headers?: Record<string, string> } | "hang" | "reset";

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
  /** Overrides the answer to an arrival; undefined keeps the default (limits, then a 200). */
  answer?: (arrival: { altId: string; seenBefore: number; count: number }) => ScriptedAnswer | undefined;
  /** Holds every answer this long, so that requests overlap and "in flight" means something. */
  answerDelayMs?: number;
  /** Runs at each arrival with the number of POSTs so far: a test acts at an exact point. */
  onArrival?: (count: number) => void;
  /** Keep no per-arrival record (a load of 100k requests): only the counts. */
  isCountOnly?: boolean;
}

export interface Arrival {
  altId: string;
  /** The request body as parsed JSON. */
  body: unknown;
  /** Date.now() when the request arrived. */
  atMs: number;
  /** The status answered, or "hang"/"reset". */
  answer: number | "hang" | "reset";
}

export interface CountingServer {
  /** http://127.0.0.1:<port>, to pass as the base URL. */
  url: string;
  /** Every POST in order of arrival (empty with `isCountOnly`). */
  readonly arrivals: readonly Arrival[];
  /** POSTs received. */
  readonly requestCount: number;
  /** Arrivals answered 429 because they broke the burst limit. */
  readonly overLimit: number;
  /** How many times each altId was answered 2xx: "added". A backfill must never make this 2. */
  readonly added: ReadonlyMap<string, number>;
  /** How many times each altId arrived, whatever the answer. */
  readonly arrived: ReadonlyMap<string, number>;
  /** A new day: the daily budget is `limit` again. */
  setDailyLimit(limit: number): void;
  close(): Promise<void>;
}

/**
 * A stand-in for HighLevel's "Add an inbound message" that counts: a real node:http server on
 * 127.0.0.1 that records each message by its `altId`, enforces a burst and a daily limit as HighLevel
 * does (the X-RateLimit-* headers included), and can be scripted to fail (5xx, hang, reset). A 2xx
 * stands for "added", so a test can check that no message was added twice.
 */
export async function startCountingServer(options: CountingServerOptions = {}): Promise<CountingServer> {
  const arrivals: Arrival[] = [];
  const added = new Map<string, number>();
  const arrived = new Map<string, number>();
  const windowTimes: number[] = [];
  let windowStart = 0;
  let requestCount = 0;
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
  function defaultAnswer(nowMs: number): ScriptedAnswer {
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

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST") {
      response.writeHead(204).end();
      return;
    }
    const nowMs = Date.now();
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      text += chunk;
    });
    request.on("end", () => {
      requestCount++;
      const body = JSON.parse(text) as { altId?: string };
      const altId = body.altId ?? "(none)";
      const seenBefore = arrived.get(altId) ?? 0;
      arrived.set(altId, seenBefore + 1);
      const answer = options.answer?.({ altId, seenBefore, count: requestCount }) ?? defaultAnswer(nowMs);
      if (typeof answer !== "string" && answer.status >= 200 && answer.status < 300) {
        added.set(altId, (added.get(altId) ?? 0) + 1);
      }
      if (!options.isCountOnly) {
        arrivals.push({
          altId,
          body,
          atMs: nowMs,
          answer: typeof answer === "string" ? answer : answer.status,
        });
      }
      options.onArrival?.(requestCount);
      const reply = () => {
        if (answer === "hang") hanging.add(response);
        else if (answer === "reset") request.socket.destroy();
        else sendAnswer(response, answer, altId);
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
    get overLimit() {
      return overLimit;
    },
    added,
    arrived,
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

function sendAnswer(
  response: ServerResponse,
  answer: { status: number; headers?: Record<string, string> },
  altId: string,
): void {
  if (response.destroyed) return;
  const isSuccess = answer.status >= 200 && answer.status < 300;
  const body = JSON.stringify(
    isSuccess
      ? {
          success: true,
          conversationId: "ABC12h2F6uBrIkfXYazb",
          messageId: `msg-${altId}`,
          message: "Message added",
          contactId: "ve9EPM428h8vShlRW1KT",
          dateAdded: new Date().toISOString(),
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
