// One Retry-After, two paths: the same 429 answers through a client without `rateLimit` (its own
// retry delay) and through one with the shared limiter (which also blocks the key for every replica).
// Both read the header by one rule (@ghl-inbound/limiter/rules), so a readable value is waited out
// the same on both paths; an unreadable one counts as absent on both, and each path then does what it
// documents for no Retry-After (the client backs off, the limiter blocks the key for one interval).
// Against a real local server, which notes when each attempt arrives.

import { createRateLimiter } from "@ghl-inbound/limiter";
import { startCountingServer } from "@ghl-inbound/test-support/counting-server";
import { describe, expect, it } from "vitest";
import { type ClientOptions, createHighLevelClient, type RetryEvent } from "../src/index.js";
import { numberedMessages, TOKEN } from "./helpers.js";

/** The limiter's interval here: long enough to tell "blocked for an interval" from any Retry-After below. */
const INTERVAL_MS = 3_000;
const WITHOUT_LIMITER: Partial<ClientOptions> = {};
const WITH_LIMITER: Partial<ClientOptions> = {
  rateLimit: { key: "location-1", intervalMs: INTERVAL_MS, safetyMarginMs: 0 },
};

/** Sends one message that is answered 429 (with `retryAfter`) and then 200; how far apart the two arrived. */
async function resendGap(retryAfter: string | (() => string), options: Partial<ClientOptions>) {
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
    const client = createHighLevelClient({
      accessToken: TOKEN,
      baseUrl: server.url,
      maxRetries: 1,
      onRetry: (event) => void retries.push(event),
      ...options,
    });
    const [message] = numberedMessages("retry-after", 1);
    await client.addInboundMessage(message!);
    const [first, second] = server.arrivals;
    expect(server.arrivals.map((arrival) => arrival.answer)).toEqual([429, 200]);
    return { gapMs: second!.atMs - first!.atMs, clientDelayMs: retries[0]!.delayMs };
  } finally {
    await server.close();
  }
}

/** Timers never fire early by more than a millisecond or so; late, by as much as the machine is busy. */
const SLACK_MS = 15;

describe.concurrent("the same 429 through a client with and without the shared limiter", () => {
  it("Retry-After 1.5: resent after 1.5 s on both paths (the limiter once blocked the key a whole interval)", async () => {
    const [without, withLimiter] = await Promise.all([
      resendGap("1.5", WITHOUT_LIMITER),
      resendGap("1.5", WITH_LIMITER),
    ]);
    expect(without.clientDelayMs).toBe(1_500);
    expect(withLimiter.clientDelayMs).toBe(1_500);
    for (const { gapMs } of [without, withLimiter]) {
      expect(gapMs).toBeGreaterThanOrEqual(1_500 - SLACK_MS);
      expect(gapMs).toBeLessThan(INTERVAL_MS - SLACK_MS);
    }
  });

  it("Retry-After 0: resent at once on both paths", async () => {
    const [without, withLimiter] = await Promise.all([
      resendGap("0", WITHOUT_LIMITER),
      resendGap("0", WITH_LIMITER),
    ]);
    expect(without.clientDelayMs).toBe(0);
    expect(withLimiter.clientDelayMs).toBe(0);
    for (const { gapMs } of [without, withLimiter]) expect(gapMs).toBeLessThan(INTERVAL_MS - SLACK_MS);
  });

  it("Retry-After as an HTTP date 2 s ahead: resent at that date on both paths", async () => {
    // Written when the server answers. An HTTP date has whole seconds, so the wait is 1 to 2 s, less
    // the time the answer took to be read: longer than any backoff without Retry-After (0.5 s at most).
    const date = () => new Date(Date.now() + 2_000).toUTCString();
    const [without, withLimiter] = await Promise.all([
      resendGap(date, WITHOUT_LIMITER),
      resendGap(date, WITH_LIMITER),
    ]);
    for (const { gapMs, clientDelayMs } of [without, withLimiter]) {
      expect(clientDelayMs).toBeGreaterThan(600);
      expect(clientDelayMs).toBeLessThanOrEqual(2_000);
      expect(gapMs).toBeGreaterThanOrEqual(clientDelayMs - SLACK_MS);
      expect(gapMs).toBeLessThan(INTERVAL_MS - SLACK_MS);
    }
  });

  it.each([
    ["garbage", "soon"],
    ["a negative number", "-1"],
  ])(
    "Retry-After that is %s: read as absent on both paths, each then does what it does without one",
    async (_name, value) => {
      const [without, withLimiter] = await Promise.all([
        resendGap(value, WITHOUT_LIMITER),
        resendGap(value, WITH_LIMITER),
      ]);
      // Without a limiter: the client's first backoff, 0.5 s less up to 25 % jitter.
      expect(without.clientDelayMs).toBeGreaterThanOrEqual(375);
      expect(without.clientDelayMs).toBeLessThanOrEqual(500);
      expect(without.gapMs).toBeGreaterThanOrEqual(375 - SLACK_MS);
      expect(without.gapMs).toBeLessThan(INTERVAL_MS - SLACK_MS);
      // With it: the same backoff, then the key stays blocked for the limiter's interval.
      expect(withLimiter.clientDelayMs).toBeLessThanOrEqual(500);
      expect(withLimiter.gapMs).toBeGreaterThanOrEqual(INTERVAL_MS - SLACK_MS);
    },
  );
});

describe("a replica sharing the limiter", () => {
  it("waits out the same Retry-After 1.5 after another replica's 429, not a whole interval", async () => {
    const server = await startCountingServer({
      answer: ({ id }) =>
        id.endsWith("-0") ? { status: 429, headers: { "Retry-After": "1.5" } } : { status: 200 },
    });
    const limiter = createRateLimiter({ intervalMs: INTERVAL_MS, safetyMarginMs: 0 });
    const replica = () =>
      createHighLevelClient({
        accessToken: TOKEN,
        baseUrl: server.url,
        maxRetries: 0,
        rateLimit: { limiter, key: "location-1" },
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
    const [blocked, other] = server.arrivals;
    expect(other!.atMs - blocked!.atMs).toBeGreaterThanOrEqual(1_500 - SLACK_MS);
    expect(other!.atMs - blocked!.atMs).toBeLessThan(INTERVAL_MS - SLACK_MS);
  });
});
