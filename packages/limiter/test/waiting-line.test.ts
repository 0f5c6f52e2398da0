import { describe, expect, it, vi } from "vitest";
import {
  createMemoryStore,
  createRateLimiter,
  type RateLimitStore,
  RateLimitStoreError,
  RateLimitWaitTimeoutError,
} from "../src/index.js";
import { useFakeTime } from "./helpers/fake-time.js";
import { createSwitchableStore, track } from "./helpers/stores.js";

// Fake timers drive both the limiter's sleeps and the memory store's clock (performance.now).
useFakeTime();
const key = "location-1";

/** A limiter of `limit` per second on a store that counts its takes. */
function countingLimiter(limit: number, maxWaitMs = 60_000) {
  const { store, calls } = createSwitchableStore();
  const limiter = createRateLimiter({ limit, intervalMs: 1000, safetyMarginMs: 0, store, maxWaitMs });
  return { limiter, calls };
}

/** A memory store that answers each take `ms` after it is asked (and takes the slot then). */
function slowStore(ms: number): RateLimitStore {
  const memory = createMemoryStore();
  return {
    take: (...args) => new Promise((resolve) => setTimeout(() => resolve(memory.take(...args)), ms)),
    block: (...args) => memory.block(...args),
  };
}

describe("the waiting line of a key", () => {
  it("asks the store about once per freed slot, however many wait (not once per waiter)", async () => {
    const { limiter, calls } = countingLimiter(10);
    for (let index = 0; index < 10; index++) await limiter.acquire(key);
    const waiters = Array.from({ length: 50 }, () => track(limiter.acquire(key)));
    const takesBefore = calls.take;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(waiters.every((waiter) => waiter.isSettled && waiter.error === undefined)).toBe(true);
    // 50 slots over 5 windows: each grant, plus one refusal per window for the next in line. Every
    // waiter asking at each wake would be 50 + 40 + 30 + 20 + 10 = 150 refusals, and 200 calls.
    expect(calls.take - takesBefore).toBeLessThanOrEqual(60);
  });

  it("lets a newcomer wait behind the first in line, even at the moment a slot frees", async () => {
    const { limiter } = countingLimiter(1);
    await limiter.acquire(key);
    let newcomer: ReturnType<typeof track<unknown>> | undefined;
    // A timer made before the first in line's: the newcomer would ask first and take the slot.
    setTimeout(() => {
      newcomer = track(limiter.acquire(key));
    }, 1000);
    const first = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.value).toMatchObject({ waitedMs: 1000 });
    expect(newcomer!.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(newcomer!.value).toMatchObject({ waitedMs: 1000 });
  });

  it("drops a waiter as soon as the store's answer to the first in line shows it cannot be served in time", async () => {
    const { limiter } = countingLimiter(1);
    const other = createRateLimiter({
      limit: 1,
      intervalMs: 1000,
      safetyMarginMs: 0,
      store: limiter.options.store,
    });
    await limiter.acquire(key);
    // Another process takes the slot freed at 1000 ms just before the first in line asks.
    setTimeout(() => void other.acquire(key, { maxWaitMs: 0 }), 1000);
    const first = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(0);
    const second = track(limiter.acquire(key));
    const hurried = track(limiter.acquire(key, { maxWaitMs: 1500 }));
    await vi.advanceTimersByTimeAsync(1000);
    // The first was told 2000 ms: the hurried one, two places back (its bound 1500 ms), goes at once.
    expect(hurried.error).toBeInstanceOf(RateLimitWaitTimeoutError);
    expect(hurried.error).toMatchObject({ waitedMs: 1000, retryInMs: 1000, maxWaitMs: 1500 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(first.value).toMatchObject({ waitedMs: 2000 });
    expect(second.value).toMatchObject({ waitedMs: 3000 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("gives up on a waiter at its maxWaitMs while it waits for its turn", async () => {
    // A store that takes 1500 ms to answer: the first in line holds the turn past the next one's bound.
    const slow = slowStore(1500);
    const limiter = createRateLimiter({ limit: 1, intervalMs: 10_000, safetyMarginMs: 0, store: slow });
    void limiter.acquire(key); // its slot is taken at 1500 ms, and frees at 11_500 ms
    await vi.advanceTimersByTimeAsync(1500);
    const first = track(limiter.acquire(key)); // refused at 3000 ms: first in line
    await vi.advanceTimersByTimeAsync(1500);
    const next = track(limiter.acquire(key, { maxWaitMs: 9000 }));
    // The first asks again at 11_500 ms and is answered at 13_000: past the next one's bound (12_000).
    await vi.advanceTimersByTimeAsync(9000);
    expect(next.error).toBeInstanceOf(RateLimitWaitTimeoutError);
    expect(next.error).toMatchObject({ waitedMs: 9000, maxWaitMs: 9000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.value).toMatchObject({ waitedMs: 11_500 });
  });

  it("lets as many ask at once as a grant says are free, on a store slow to answer", async () => {
    const slow = slowStore(50);
    const limiter = createRateLimiter({ limit: 10, intervalMs: 1000, safetyMarginMs: 0, store: slow });
    for (let index = 0; index < 10; index++) void limiter.acquire(key);
    await vi.advanceTimersByTimeAsync(50);
    const waiters = Array.from({ length: 10 }, () => track(limiter.acquire(key, { maxWaitMs: 1200 })));
    await vi.advanceTimersByTimeAsync(3000);
    // Ten slots free at 1000 ms. One after another, the tenth would have its slot at 1000 + 10 * 50 ms.
    const waited = waiters.map((waiter) => (waiter.value as { waitedMs: number } | undefined)?.waitedMs);
    expect(Math.max(...waited.map((ms) => ms ?? Number.POSITIVE_INFINITY))).toBeLessThanOrEqual(1150);
  });

  it("lets every waiter ask for itself once the store fails, so none waits out the others' store timeouts", async () => {
    const { store, set } = createSwitchableStore();
    const limiter = createRateLimiter({
      limit: 1,
      intervalMs: 1000,
      safetyMarginMs: 0,
      store,
      maxWaitMs: 5000,
    });
    await limiter.acquire(key);
    const waiters = Array.from({ length: 5 }, () => track(limiter.acquire(key)));
    await vi.advanceTimersByTimeAsync(0);
    set("hanging");
    // The first asks at 1000 ms and the store times out 2000 ms later; then all the others ask at once.
    await vi.advanceTimersByTimeAsync(3000);
    expect(waiters[0]!.error).toBeInstanceOf(RateLimitStoreError);
    await vi.advanceTimersByTimeAsync(2000);
    expect(waiters.every((waiter) => waiter.error instanceof RateLimitStoreError)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with onStoreError "memory", lets the waiters fall back together rather than one store timeout apart', async () => {
    const { store, set } = createSwitchableStore();
    const limiter = createRateLimiter({
      limit: 10,
      intervalMs: 1000,
      safetyMarginMs: 0,
      store,
      maxWaitMs: 5000,
      onStoreError: "memory",
      onFallback: () => {},
    });
    for (let index = 0; index < 10; index++) await limiter.acquire(key);
    const waiters = Array.from({ length: 10 }, () => track(limiter.acquire(key)));
    await vi.advanceTimersByTimeAsync(0);
    set("hanging");
    await vi.advanceTimersByTimeAsync(60_000);
    // Each may wait out one store timeout past its maxWaitMs (5000 + 2000), as without a line; not 2 s per waiter.
    const waited = waiters.map((waiter) => (waiter.value as { waitedMs: number } | undefined)?.waitedMs);
    expect(waited.every((ms) => ms !== undefined && ms <= 7000)).toBe(true);
  });

  it("does not spend a slot for a waiter whose caller gave up as the one before it got a slot", async () => {
    const { limiter, calls } = countingLimiter(1);
    await limiter.acquire(key);
    const controller = new AbortController();
    const first = limiter.acquire(key).then(() => controller.abort(new Error("the other won")));
    await vi.advanceTimersByTimeAsync(0);
    const second = track(limiter.acquire(key, { signal: controller.signal }));
    const takes = calls.take;
    await vi.advanceTimersByTimeAsync(1000);
    await first;
    expect(second.error).toMatchObject({ message: "the other won" });
    expect(calls.take - takes).toBe(1);
  });

  it("serves waiters in the order they came", async () => {
    const { limiter } = countingLimiter(1);
    await limiter.acquire(key);
    const order: number[] = [];
    const waiters = [0, 1, 2, 3].map((index) => limiter.acquire(key).then(() => order.push(index)));
    await vi.advanceTimersByTimeAsync(4_000);
    await Promise.all(waiters);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it("refuses a newcomer at once when the line was told its next slot is past the newcomer's maxWaitMs", async () => {
    const { limiter, calls } = countingLimiter(1);
    await limiter.acquire(key);
    const first = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(200);
    const takes = calls.take;
    const error = await limiter.acquire(key, { maxWaitMs: 500 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "RateLimitWaitTimeoutError", waitedMs: 0, retryInMs: 800 });
    expect(calls.take).toBe(takes);
    await vi.advanceTimersByTimeAsync(800);
    expect(first.value).toMatchObject({ waitedMs: 1000 });
  });

  it("passes the turn on when the first in line aborts, and leaves no timer", async () => {
    const { limiter } = countingLimiter(1);
    await limiter.acquire(key);
    const controller = new AbortController();
    const aborted = track(limiter.acquire(key, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(0);
    const next = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(500);
    controller.abort(new Error("gone"));
    await vi.advanceTimersByTimeAsync(500);
    expect(aborted.error).toMatchObject({ message: "gone" });
    // Its turn came at 500 ms; the slot it was waiting for, at 1000 ms.
    expect(next.value).toMatchObject({ waitedMs: 1000 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets a waiter behind the first abort without holding up the line", async () => {
    const { limiter } = countingLimiter(1);
    await limiter.acquire(key);
    const controller = new AbortController();
    const first = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(0);
    const aborted = track(limiter.acquire(key, { signal: controller.signal }));
    const last = track(limiter.acquire(key));
    controller.abort(new Error("gone"));
    await vi.advanceTimersByTimeAsync(2000);
    expect(aborted.error).toMatchObject({ message: "gone" });
    expect(first.value).toMatchObject({ waitedMs: 1000 });
    expect(last.value).toMatchObject({ waitedMs: 2000 });
  });
});
