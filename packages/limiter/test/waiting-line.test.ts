import { describe, expect, it, vi } from "vitest";
import { createRateLimiter, RateLimitWaitTimeoutError } from "../src/index.js";
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

  it("serves waiters in the order they came", async () => {
    const { limiter } = countingLimiter(1);
    await limiter.acquire(key);
    const order: number[] = [];
    const waiters = [0, 1, 2, 3].map((index) => limiter.acquire(key).then(() => order.push(index)));
    await vi.advanceTimersByTimeAsync(4_000);
    await Promise.all(waiters);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it("lets a newcomer wait behind the line rather than take a slot freed for the first in it", async () => {
    const { limiter } = countingLimiter(1);
    await limiter.acquire(key);
    const first = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(999);
    const newcomer = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(1);
    expect(first.value).toMatchObject({ waitedMs: 1000 });
    expect(newcomer.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(newcomer.value).toMatchObject({ waitedMs: 1001 });
  });

  it("drops a waiter as soon as the line shows its slot cannot come within its maxWaitMs", async () => {
    const { limiter } = countingLimiter(1);
    await limiter.acquire(key);
    const first = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(0);
    const hurried = track(limiter.acquire(key, { maxWaitMs: 1500 }));
    const patient = track(limiter.acquire(key));
    await vi.advanceTimersByTimeAsync(1000);
    // The first took the slot freed at 1000 ms; the next frees at 2000 ms, past the hurried one's bound.
    expect(first.value).toMatchObject({ waitedMs: 1000 });
    expect(hurried.error).toBeInstanceOf(RateLimitWaitTimeoutError);
    expect(hurried.error).toMatchObject({ waitedMs: 1000, retryInMs: 1000, maxWaitMs: 1500 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(patient.value).toMatchObject({ waitedMs: 2000 });
    expect(vi.getTimerCount()).toBe(0);
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
