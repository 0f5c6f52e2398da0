// One Retry-After, two paths: the same 429 answers through a client without `rateLimit` (its own
// retry delay) and through one with the shared limiter (which also blocks the key for every replica).
// Both read the header by one rule (@ghl-inbound/limiter/rules), so a readable value is waited out
// the same on both paths; an unreadable one counts as absent on both, and each path then does what it
// documents for no Retry-After (the client backs off, the limiter blocks the key for one interval).
// Against a real local server. What is asserted is what each path decided to wait, not how long the
// machine took: the client's delay from its onRetry event, the limiter's from the wait its second
// attempt reports, on a limiter clock that only moves when the limiter sleeps. The client's own wait
// and the Date it reads an HTTP-date against are vitest's fake timers, moved on by the test as the
// client starts each wait: nothing waits on the real clock, and an HTTP-date is exactly so far ahead.

import { createMemoryStore, createRateLimiter, type RateLimiterClock } from "@ghl-inbound/limiter";
import { startCountingServer } from "@ghl-inbound/test-support/counting-server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createHighLevelClient, type RequestEvent, type RetryEvent } from "../src/index.js";
import { advanceThroughRetryWait, fakeClientTimers, numberedMessages, TOKEN } from "./helpers.js";

/** The limiter's interval here: long enough to tell "blocked for an interval" from any Retry-After below. */
const INTERVAL_MS = 3_000;
const key = "location-1";

/** A whole second, as an HTTP-date has: a date written at this instant is exactly as far ahead as meant. */
const START = Date.UTC(2026, 0, 1);

beforeEach(() => {
  fakeClientTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A clock that stands still until the limiter sleeps, then jumps: a wait is exactly what was decided. */
function steppingClock(): RateLimiterClock {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

function limiterOnSteppingClock() {
  const clock = steppingClock();
  return createRateLimiter({
    intervalMs: INTERVAL_MS,
    safetyMarginMs: 0,
    clock,
    store: createMemoryStore({ now: clock.now }),
  });
}

/**
 * Sends one message that is answered 429 (with `retryAfter`) and then 200: the client's own retry
 * delay, and how long the second attempt waited for its slot (with a limiter).
 */
async function waitsAfter429(retryAfter: string | (() => string), withLimiter: boolean) {
  const server = await startCountingServer({
    answer: ({ seenBefore }) =>
      seenBefore === 0
        ? {
            status: 429,
            headers: { "Retry-After": typeof retryAfter === "string" ? retryAfter : retryAfter() },
          }
        : { status: 200 },
  });
  try {
    const retries: RetryEvent[] = [];
    const requests: RequestEvent[] = [];
    const client = createHighLevelClient({
      accessToken: TOKEN,
      baseUrl: server.url,
      maxRetries: 1,
      onRetry: (event) => {
        retries.push(event);
        advanceThroughRetryWait(event);
      },
      onRequest: (event) => void requests.push(event),
      ...(withLimiter && { rateLimit: { limiter: limiterOnSteppingClock(), key } }),
    });
    const [message] = numberedMessages("retry-after", 1);
    await client.addInboundMessage(message!);
    expect(server.arrivals.map((arrival) => arrival.answer)).toEqual([429, 200]);
    return { clientDelayMs: retries[0]!.delayMs, limiterWaitMs: requests[1]?.limiter?.waitedMs };
  } finally {
    await server.close();
  }
}

describe("the same 429 through a client with and without the shared limiter", () => {
  it("Retry-After 1.5: both paths wait 1.5 s (the limiter once blocked the key a whole interval)", async () => {
    expect(await waitsAfter429("1.5", false)).toEqual({ clientDelayMs: 1_500, limiterWaitMs: undefined });
    // The client's wait is on a clock the limiter's does not see: the key's block (from the answer) is
    // still whole when the second attempt asks for its slot.
    expect(await waitsAfter429("1.5", true)).toEqual({ clientDelayMs: 1_500, limiterWaitMs: 1_500 });
  });

  it("Retry-After 0: resent at once on both paths", async () => {
    expect((await waitsAfter429("0", false)).clientDelayMs).toBe(0);
    expect(await waitsAfter429("0", true)).toEqual({ clientDelayMs: 0, limiterWaitMs: 0 });
  });

  it("Retry-After as an HTTP date 2 s ahead: both paths wait until that date", async () => {
    // Written when the server answers, on the fake Date the client reads it against: exactly 2 s ahead.
    const date = () => new Date(Date.now() + 2_000).toUTCString();
    expect(await waitsAfter429(date, false)).toEqual({ clientDelayMs: 2_000, limiterWaitMs: undefined });
    expect(await waitsAfter429(date, true)).toEqual({ clientDelayMs: 2_000, limiterWaitMs: 2_000 });
  });

  it.each([
    ["garbage", "soon"],
    ["a negative number", "-1"],
  ])(
    "Retry-After that is %s: read as absent on both paths, each then does what it does without one",
    async (_name, value) => {
      const without = await waitsAfter429(value, false);
      const withLimiter = await waitsAfter429(value, true);
      // Without a limiter: the client's first backoff, 0.5 s less up to 25 % jitter.
      expect(without.clientDelayMs).toBeGreaterThanOrEqual(375);
      expect(without.clientDelayMs).toBeLessThanOrEqual(500);
      // With it: the same backoff, and the key stays blocked for the limiter's interval.
      expect(withLimiter.clientDelayMs).toBeLessThanOrEqual(500);
      expect(withLimiter.limiterWaitMs).toBe(INTERVAL_MS);
    },
  );
});

describe("a replica sharing the limiter", () => {
  it("waits out the same Retry-After 1.5 after another replica's 429, not a whole interval", async () => {
    const server = await startCountingServer({
      answer: ({ id }) =>
        id.endsWith("-0") ? { status: 429, headers: { "Retry-After": "1.5" } } : { status: 200 },
    });
    const limiter = limiterOnSteppingClock();
    const requests: RequestEvent[] = [];
    const replica = () =>
      createHighLevelClient({
        accessToken: TOKEN,
        baseUrl: server.url,
        maxRetries: 0,
        rateLimit: { limiter, key },
        onRequest: (event) => void requests.push(event),
      });
    const [first, second] = numberedMessages("replica", 2);
    try {
      // The first replica gets the 429 and gives up (maxRetries 0); the second then waits for the block.
      await expect(replica().addInboundMessage(first!)).rejects.toMatchObject({ name: "RateLimitError" });
      await replica().addInboundMessage(second!);
    } finally {
      await server.close();
    }
    expect(server.arrivals.map((arrival) => arrival.id)).toEqual([first!.altId, second!.altId]);
    expect(requests.map((event) => event.limiter?.waitedMs)).toEqual([0, 1_500]);
  });
});
