import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  checkKey,
  createMemoryStore,
  createRateLimiter,
  type RateLimiterOptions,
  RateLimitOptionError,
  RateLimitStoreError,
  RateLimitWaitTimeoutError,
  TOKEN_KEY_PREFIX,
} from "../src/index.js";
import { createSwitchableStore, track } from "./helpers/stores.js";

// Fake timers drive both the limiter's sleeps and the memory store's clock (performance.now).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

const key = "location-1";

describe("acquire", () => {
  it("takes free slots at once and reports no wait", async () => {
    const limiter = createRateLimiter({ limit: 2, intervalMs: 1000, safetyMarginMs: 0 });
    expect(await limiter.acquire(key)).toMatchObject({ waitedMs: 0 });
    expect(await limiter.acquire(key)).toMatchObject({ waitedMs: 0 });
  });

  it("waits for the next slot instead of failing, and reports how long it waited", async () => {
    const limiter = createRateLimiter({ limit: 2, intervalMs: 1000, safetyMarginMs: 0 });
    await limiter.acquire(key);
    await limiter.acquire(key);
    const third = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(999);
    expect(third.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(third.value).toMatchObject({ waitedMs: 1000 });
  });

  it("counts the safety margin into the interval", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000, safetyMarginMs: 250 });
    await limiter.acquire(key);
    const second = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(1249);
    expect(second.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(second.value).toMatchObject({ waitedMs: 1250 });
  });

  it("keeps keys apart", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000 });
    await limiter.acquire("location-a");
    expect(await limiter.acquire("location-b")).toMatchObject({ waitedMs: 0 });
  });

  it("throws RateLimitWaitTimeoutError at once when the wait would pass maxWaitMs, leaving no timer", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000, safetyMarginMs: 0, maxWaitMs: 500 });
    await limiter.acquire(key);
    const error = await limiter.acquire(key).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitWaitTimeoutError);
    expect(error).toMatchObject({
      name: "RateLimitWaitTimeoutError",
      key,
      waitedMs: 0,
      retryInMs: 1000,
      maxWaitMs: 500,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("gives up after waiting when another user of the store took the freed slot and the next is too far", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000, safetyMarginMs: 0, maxWaitMs: 1500 });
    const otherReplica = createRateLimiter({
      limit: 1,
      intervalMs: 1000,
      safetyMarginMs: 0,
      store: limiter.options.store,
    });
    await limiter.acquire(key);
    const other = track(otherReplica.acquire(key));
    const mine = track(limiter.acquire(key));
    // Both wake at 1000 ms; the other replica asks first and wins the slot.
    await vi.advanceTimersByTimeAsync(1000);
    expect(other.value).toMatchObject({ waitedMs: 1000 });
    expect(mine.error).toBeInstanceOf(RateLimitWaitTimeoutError);
    expect(mine.error).toMatchObject({ waitedMs: 1000, retryInMs: 1000, maxWaitMs: 1500 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("still gives up at maxWaitMs when a custom store refuses without a usable wait", async () => {
    const store = { take: async () => ({ allowed: false, retryInMs: Number.NaN }), block: async () => {} };
    const limiter = createRateLimiter({ store, maxWaitMs: 50 });
    const acquiring = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(50);
    expect(acquiring.error).toBeInstanceOf(RateLimitWaitTimeoutError);
    expect(acquiring.error).toMatchObject({ retryInMs: 1 });
  });

  it("with a per-call maxWaitMs of 0 takes a free slot or throws", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000 });
    expect(await limiter.acquire(key, { maxWaitMs: 0 })).toMatchObject({ waitedMs: 0 });
    await expect(limiter.acquire(key, { maxWaitMs: 0 })).rejects.toBeInstanceOf(RateLimitWaitTimeoutError);
  });

  it("rejects with the caller's abort reason while waiting, and leaves no timer behind", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000, safetyMarginMs: 0 });
    await limiter.acquire(key);
    const controller = new AbortController();
    const waiting = track(limiter.acquire(key, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    const reason = new Error("shutting down");
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.error).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    // Had the aborted call's timer survived, it would wake at 1000 ms and take this slot.
    await vi.advanceTimersByTimeAsync(900);
    expect(await limiter.acquire(key, { maxWaitMs: 0 })).toMatchObject({ waitedMs: 0 });
  });

  it("rejects with the abort reason without asking the store when already aborted", async () => {
    const { store, calls } = createSwitchableStore();
    const limiter = createRateLimiter({ store });
    const reason = new DOMException("The user left", "AbortError");
    await expect(limiter.acquire(key, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(calls.take).toBe(0);
  });
});

describe('store failures with onStoreError "throw" (the default)', () => {
  it("throw RateLimitStoreError that keeps the cause but never repeats the driver's message", async () => {
    const { store, set } = createSwitchableStore();
    set("down");
    const limiter = createRateLimiter({ store });
    const error = await limiter.acquire(key).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitStoreError);
    expect(error).toMatchObject({
      name: "RateLimitStoreError",
      key,
      operation: "take",
      timeoutMs: undefined,
    });
    const { message, cause } = error as RateLimitStoreError;
    expect(message).toContain("ECONNREFUSED");
    expect(message).not.toContain("s3cret");
    expect(String(error)).not.toContain("s3cret");
    expect((cause as Error).message).toContain("ECONNREFUSED");
  });

  it("throw RateLimitStoreError when the store does not answer within storeTimeoutMs, leaving no timer", async () => {
    const { store, set } = createSwitchableStore();
    set("hanging");
    const limiter = createRateLimiter({ store, storeTimeoutMs: 300 });
    const acquiring = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(299);
    expect(acquiring.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(acquiring.error).toBeInstanceOf(RateLimitStoreError);
    expect(acquiring.error).toMatchObject({ operation: "take", timeoutMs: 300 });
    expect((acquiring.error as Error).message).toContain("storeTimeoutMs 300");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("let observe() resolve with the store error, so a request already sent never looks failed", async () => {
    const { store, set } = createSwitchableStore();
    const limiter = createRateLimiter({ store });
    set("down");
    const result = await limiter.observe(key, { status: 429 });
    expect(result.blockedForMs).toBe(0);
    expect(result.storeError).toBeInstanceOf(RateLimitStoreError);
    expect(result.storeError).toMatchObject({ operation: "block" });
  });

  it("let observe() resolve after storeTimeoutMs when the store hangs", async () => {
    const { store, set } = createSwitchableStore();
    const limiter = createRateLimiter({ store, storeTimeoutMs: 300 });
    set("hanging");
    const observing = track(limiter.observe(key, { status: 429 }));
    await vi.advanceTimersByTimeAsync(299);
    expect(observing.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(observing.value?.storeError).toMatchObject({ operation: "block", timeoutMs: 300 });
  });
});

describe('store failures with onStoreError "memory"', () => {
  const options = (store: RateLimiterOptions["store"], onFallback: () => void): RateLimiterOptions => ({
    limit: 4,
    intervalMs: 1000,
    safetyMarginMs: 0,
    store,
    onStoreError: "memory",
    fallbackLimit: 2,
    onFallback,
  });

  it("first sit out one interval, then allow fallbackLimit per interval, and warn once per outage", async () => {
    const { store, set } = createSwitchableStore();
    const onFallback = vi.fn();
    const limiter = createRateLimiter(options(store, onFallback));
    set("down");
    const first = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(999);
    expect(first.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.value).toMatchObject({ waitedMs: 1000 });
    expect(await limiter.acquire(key, { maxWaitMs: 0 })).toMatchObject({ waitedMs: 0 });
    await expect(limiter.acquire(key, { maxWaitMs: 0 })).rejects.toMatchObject({ retryInMs: 1000 });
    expect(onFallback).toHaveBeenCalledTimes(1);
    expect(onFallback.mock.calls[0]?.[0]).toBeInstanceOf(RateLimitStoreError);
  });

  it("go back to the shared store as soon as it answers, and warn again at the next outage", async () => {
    const { store, set, calls } = createSwitchableStore();
    const onFallback = vi.fn();
    const limiter = createRateLimiter(options(store, onFallback));
    set("down");
    const duringOutage = limiter.acquire(key);
    await vi.advanceTimersByTimeAsync(1000);
    await duringOutage;
    set("up");
    const takesBefore = calls.take;
    expect(await limiter.acquire(key, { maxWaitMs: 0 })).toMatchObject({ waitedMs: 0 });
    expect(calls.take).toBe(takesBefore + 1);
    set("down");
    const again = limiter.acquire(key);
    await vi.advanceTimersByTimeAsync(1000);
    await again;
    expect(onFallback).toHaveBeenCalledTimes(2);
  });

  it("fall back after storeTimeoutMs when the store hangs", async () => {
    const { store, set } = createSwitchableStore();
    const onFallback = vi.fn();
    const limiter = createRateLimiter({ ...options(store, onFallback), storeTimeoutMs: 200 });
    set("hanging");
    const acquiring = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(200);
    expect(onFallback).toHaveBeenCalledTimes(1);
    expect(onFallback.mock.calls[0]?.[0]).toMatchObject({ timeoutMs: 200 });
    // The pause of one interval, then another store timeout before the memory answer.
    await vi.advanceTimersByTimeAsync(1200);
    expect(acquiring.isSettled).toBe(true);
    expect(acquiring.error).toBeUndefined();
  });

  it("keep a 429 seen during the outage in the per-process store", async () => {
    const { store, set } = createSwitchableStore();
    const limiter = createRateLimiter(options(store, () => {}));
    set("down");
    const result = await limiter.observe(key, { status: 429, retryAfterMs: 5000 });
    expect(result).toMatchObject({ blockedForMs: 5000, storeError: { name: "RateLimitStoreError" } });
    await expect(limiter.acquire(key, { maxWaitMs: 0 })).rejects.toMatchObject({ retryInMs: 5000 });
  });
});

describe("observe", () => {
  it("after a 429 blocks the key for Retry-After in the shared store, so every limiter on it backs off", async () => {
    const store = createMemoryStore();
    const replicaA = createRateLimiter({ store, safetyMarginMs: 0 });
    const replicaB = createRateLimiter({ store, safetyMarginMs: 0 });
    expect(await replicaA.observe(key, { status: 429, retryAfterMs: 3000 })).toEqual({ blockedForMs: 3000 });
    const waiting = track(replicaB.acquire(key));
    await vi.advanceTimersByTimeAsync(2999);
    expect(waiting.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting.value).toMatchObject({ waitedMs: 3000 });
    expect(await replicaB.acquire("another-location")).toMatchObject({ waitedMs: 0 });
  });

  it("after a 429 without Retry-After blocks the key for one interval", async () => {
    const limiter = createRateLimiter({ intervalMs: 2000 });
    await limiter.observe(key, { status: 429 });
    await expect(limiter.acquire(key, { maxWaitMs: 0 })).rejects.toMatchObject({ retryInMs: 2000 });
  });

  it("blocks the key for one interval when X-RateLimit-Remaining is 0, and no longer when the log is empty", async () => {
    const limiter = createRateLimiter({ intervalMs: 2000, safetyMarginMs: 0 });
    expect(await limiter.observe(key, { status: 200, remaining: 0 })).toEqual({ blockedForMs: 2000 });
    await expect(limiter.acquire(key, { maxWaitMs: 0 })).rejects.toMatchObject({ retryInMs: 2000 });
  });

  it("counts a Remaining: 0 block from the window's first request, not from the answer", async () => {
    const limiter = createRateLimiter({ intervalMs: 2000, safetyMarginMs: 100 });
    await limiter.acquire(key);
    await vi.advanceTimersByTimeAsync(500);
    await limiter.acquire(key);
    await vi.advanceTimersByTimeAsync(400);
    // The window began at 0: it frees at 0 + 2000 + the margin, 1200 ms from now.
    expect(await limiter.observe(key, { status: 200, remaining: 0 })).toEqual({ blockedForMs: 1200 });
    await expect(limiter.acquire(key, { maxWaitMs: 0 })).rejects.toMatchObject({ retryInMs: 1200 });
  });

  it("takes Remaining: 0 on the request whose own slot filled the window as no news, however late its answer is read", async () => {
    const limiter = createRateLimiter({ limit: 2, intervalMs: 1000, safetyMarginMs: 50 });
    expect(await limiter.acquire(key)).toMatchObject({ remaining: 1 });
    await vi.advanceTimersByTimeAsync(500);
    const last = await limiter.acquire(key);
    expect(last.remaining).toBe(0);
    // Read after the window's first slot stopped counting (1050 ms): a block from the first slot that
    // counts now (this one) would hold back, until 1550 ms, the slot the server has free again.
    await vi.advanceTimersByTimeAsync(600);
    expect(await limiter.observe(key, { status: 201, remaining: 0 }, last)).toEqual({ blockedForMs: 0 });
    expect(await limiter.acquire(key, { maxWaitMs: 0 })).toMatchObject({ waitedMs: 0 });
  });

  it("blocks from the window's first slot on a Remaining: 0 its own slots do not explain (another user of the location)", async () => {
    const limiter = createRateLimiter({ limit: 3, intervalMs: 1000, safetyMarginMs: 50 });
    const first = await limiter.acquire(key);
    expect(first.remaining).toBe(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(await limiter.observe(key, { status: 201, remaining: 0 }, first)).toEqual({ blockedForMs: 850 });
    await expect(limiter.acquire(key, { maxWaitMs: 0 })).rejects.toMatchObject({ retryInMs: 850 });
  });

  it("counts a 429's block from the answer, for its Retry-After", async () => {
    const limiter = createRateLimiter({ intervalMs: 2000, safetyMarginMs: 100 });
    await limiter.acquire(key);
    await vi.advanceTimersByTimeAsync(900);
    expect(await limiter.observe(key, { status: 429, retryAfterMs: 1500 })).toEqual({ blockedForMs: 1500 });
  });

  it("does not block while budget remains", async () => {
    const limiter = createRateLimiter();
    const result = await limiter.observe(key, { status: 200, remaining: 3, limit: 100, intervalMs: 10_000 });
    expect(result).toEqual({ blockedForMs: 0 });
    expect(await limiter.acquire(key, { maxWaitMs: 0 })).toMatchObject({ waitedMs: 0 });
  });

  it("narrows the key's limit to a smaller X-RateLimit-Max, and widens it back no further than configured", async () => {
    const limiter = createRateLimiter({ limit: 5, intervalMs: 1000, safetyMarginMs: 0 });
    await limiter.observe(key, { status: 200, limit: 2, remaining: 1 });
    expect(limiter.budgetFor(key)).toEqual({ limit: 2, intervalMs: 1000 });
    expect(limiter.budgetFor("another-location")).toEqual({ limit: 5, intervalMs: 1000 });
    await limiter.acquire(key);
    await limiter.acquire(key);
    await expect(limiter.acquire(key, { maxWaitMs: 0 })).rejects.toBeInstanceOf(RateLimitWaitTimeoutError);
    await limiter.observe(key, { status: 200, limit: 100 });
    expect(limiter.budgetFor(key)).toEqual({ limit: 5, intervalMs: 1000 });
  });

  it("takes a longer X-RateLimit-Interval-Milliseconds, never a shorter one", async () => {
    const limiter = createRateLimiter({ limit: 5, intervalMs: 1000 });
    await limiter.observe(key, { intervalMs: 4000 });
    expect(limiter.budgetFor(key)).toEqual({ limit: 5, intervalMs: 4000 });
    await limiter.observe(key, { intervalMs: 10 });
    expect(limiter.budgetFor(key)).toEqual({ limit: 5, intervalMs: 1000 });
  });

  it.each([
    ["NaN", Number.NaN],
    ["negative", -5],
    ["infinite", Number.POSITIVE_INFINITY],
  ])("ignores a %s header value", async (_name, value) => {
    const limiter = createRateLimiter({ limit: 5, intervalMs: 1000 });
    await limiter.observe(key, {
      status: 200,
      limit: value,
      remaining: value,
      intervalMs: value,
      retryAfterMs: value,
    });
    expect(limiter.budgetFor(key)).toEqual({ limit: 5, intervalMs: 1000 });
    expect(await limiter.acquire(key, { maxWaitMs: 0 })).toMatchObject({ waitedMs: 0 });
  });
});

describe("bad options and keys", () => {
  const cases: [string, { given: RateLimiterOptions; want: string }][] = [
    ["a limit of 0", { given: { limit: 0 }, want: "limit" }],
    ["a fractional limit", { given: { limit: 2.5 }, want: "limit" }],
    ["a negative interval", { given: { intervalMs: -1 }, want: "intervalMs" }],
    ["a NaN safety margin", { given: { safetyMarginMs: Number.NaN }, want: "safetyMarginMs" }],
    ["an infinite maxWaitMs", { given: { maxWaitMs: Number.POSITIVE_INFINITY }, want: "maxWaitMs" }],
    ["a storeTimeoutMs of 0", { given: { storeTimeoutMs: 0 }, want: "storeTimeoutMs" }],
    ["an unknown policy", { given: { onStoreError: "retry" as "throw" }, want: "onStoreError" }],
    [
      "a store without block()",
      { given: { store: { take: async () => ({ allowed: true, retryInMs: 0 }) } as never }, want: "store" },
    ],
    ["a fallbackLimit of 0", { given: { fallbackLimit: 0 }, want: "fallbackLimit" }],
  ];

  it.each(cases)("refuses %s with RateLimitOptionError naming the option", (_name, { given, want }) => {
    expect(() => createRateLimiter(given)).toThrow(RateLimitOptionError);
    expect(() => createRateLimiter(given)).toThrow(expect.objectContaining({ option: want }));
  });

  it.each([
    ["an empty key", ""],
    ["a key over 256 characters", "x".repeat(257)],
    ["a Private Integration Token", "pit-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"],
    ["a bearer header", "Bearer abc.def.ghi"],
    ["a JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"],
  ])("refuses %s as a key, without repeating it", async (_name, badKey) => {
    const limiter = createRateLimiter();
    const error = await limiter.acquire(badKey).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitOptionError);
    expect(error).toMatchObject({ option: "key" });
    if (badKey.length > 0) expect((error as Error).message).not.toContain(badKey);
    await expect(limiter.observe(badKey, { status: 429 })).rejects.toBeInstanceOf(RateLimitOptionError);
    // The same rule, exported, so a caller (the client) can refuse the key when it is configured.
    expect(() => checkKey(badKey)).toThrow(
      expect.objectContaining({ name: "RateLimitOptionError", option: "key" }),
    );
  });

  it("lets checkKey accept a locationId and a keyForToken() key", async () => {
    expect(() => checkKey("ve9EPM428h8vShlRW1KT")).not.toThrow();
    expect(() => checkKey(`${TOKEN_KEY_PREFIX}0123456789abcdef0123456789abcdef`)).not.toThrow();
  });

  it("refuses a bad per-call maxWaitMs", async () => {
    const limiter = createRateLimiter();
    await expect(limiter.acquire(key, { maxWaitMs: -1 })).rejects.toMatchObject({ option: "maxWaitMs" });
  });
});
