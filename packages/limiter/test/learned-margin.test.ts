import { describe, expect, it, vi } from "vitest";
import {
  createMemoryStore,
  createRateLimiter,
  DEFAULT_SAFETY_MARGIN_MS,
  RateLimitWaitTimeoutError,
} from "../src/index.js";
import { answeredAfter, slotComesAt, useFakeTime } from "./helpers/fake-time.js";

// The margin is learned from the time between asking for a slot and reading its answer. Fake timers
// drive the limiter's clock, so each answer's delay is exact.
useFakeTime();

const key = "location-1";

describe("the learned safety margin", () => {
  it("starts at the default and, after three answers, is their spread plus the minimum", async () => {
    const limiter = createRateLimiter({ limit: 100, intervalMs: 1000 });
    expect(limiter.safetyMarginMs()).toBe(DEFAULT_SAFETY_MARGIN_MS);
    // Three requests sent together, before any answer: the process's first, cold ones.
    const slots = await Promise.all([1, 2, 3].map(() => limiter.acquire(key)));
    for (const [index, delayMs] of [30, 15, 5].entries()) {
      await vi.advanceTimersByTimeAsync(delayMs);
      await limiter.observe(key, { status: 201 }, slots[index]);
      if (index < 2) expect(limiter.safetyMarginMs()).toBe(DEFAULT_SAFETY_MARGIN_MS);
    }
    expect(limiter.safetyMarginMs()).toBe(50 - 30 + 10);
  });

  describe("with a process's first requests, those taken before its first answer (cold)", () => {
    it("takes their spread, not how much later they were, as the guess until three later answers are in; then only the later ones count", async () => {
      const limiter = createRateLimiter({ limit: 100, intervalMs: 1000 });
      // Three cold requests, all about 70 ms later than the warm ones that follow.
      const slots = await Promise.all([1, 2, 3].map(() => limiter.acquire(key)));
      await vi.advanceTimersByTimeAsync(218);
      for (const [index, delayMs] of [0, 4, 19].entries()) {
        await vi.advanceTimersByTimeAsync(delayMs);
        await limiter.observe(key, { status: 201 }, slots[index]);
      }
      expect(limiter.safetyMarginMs()).toBe(241 - 218 + 10);
      await answeredAfter(limiter, key, 155);
      await answeredAfter(limiter, key, 158);
      // Not 241 - 155: the cold ones were late alike.
      expect(limiter.safetyMarginMs()).toBe(241 - 218 + 10);
      await answeredAfter(limiter, key, 161);
      expect(limiter.safetyMarginMs()).toBe(161 - 155 + 10);
    });

    it("count a cold slot until one interval after its answer, however narrow the later ones' spread", async () => {
      const limiter = createRateLimiter({ limit: 7, intervalMs: 1000, minSafetyMarginMs: 0 });
      const start = performance.now();
      const cold = await Promise.all([1, 2, 3, 4].map(() => limiter.acquire(key)));
      await vi.advanceTimersByTimeAsync(100);
      for (const slot of cold.slice(0, 3)) await limiter.observe(key, { status: 201 }, slot);
      for (let index = 0; index < 3; index++) await answeredAfter(limiter, key, 10);
      expect(limiter.safetyMarginMs()).toBe(0);
      // The last cold request's answer comes at 500 ms: 490 ms later than the warm ones'.
      await vi.advanceTimersByTimeAsync(500 - (performance.now() - start));
      await limiter.observe(key, { status: 201 }, cold[3]);
      expect(limiter.safetyMarginMs()).toBe(0);
      // At 1200 ms every other slot has ended (one interval and 1 ms after its answer). The late cold
      // one counts until one interval and 1 ms after its answer too, not until 1000 ms, as the warm
      // margin alone would have it.
      await vi.advanceTimersByTimeAsync(1200 - (performance.now() - start));
      for (let index = 0; index < 6; index++) await limiter.acquire(key, { maxWaitMs: 0 });
      const refused = await limiter.acquire(key, { maxWaitMs: 0 }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RateLimitWaitTimeoutError);
      expect((refused as RateLimitWaitTimeoutError).retryInMs).toBe(1501 - 1200);
    });
  });

  it("widens at once with a slow answer and narrows back only after three intervals, 30 s at least", async () => {
    const limiter = createRateLimiter({ limit: 1000, intervalMs: 1000, minSafetyMarginMs: 5 });
    for (let index = 0; index < 3; index++) await answeredAfter(limiter, key, 20);
    expect(limiter.safetyMarginMs()).toBe(5);
    await answeredAfter(limiter, key, 220);
    expect(limiter.safetyMarginMs()).toBe(205);
    // Quiet answers for 29 s: the slow one still counts.
    for (let index = 0; index < 290; index++) await answeredAfter(limiter, key, 100);
    expect(limiter.safetyMarginMs()).toBe(205);
    await vi.advanceTimersByTimeAsync(6000);
    for (let index = 0; index < 3; index++) await answeredAfter(limiter, key, 20);
    expect(limiter.safetyMarginMs()).toBe(5 + 80);
  });

  it("widens the window acquire counts over", async () => {
    const limiter = createRateLimiter({ limit: 4, intervalMs: 1000, minSafetyMarginMs: 0 });
    // Four answers 10 to 110 ms after their slots: the window becomes 1000 + 100 ms.
    for (const delayMs of [10, 110, 10, 10]) await answeredAfter(limiter, key, delayMs);
    await vi.advanceTimersByTimeAsync(2000);
    const start = performance.now();
    for (let index = 0; index < 4; index++) await limiter.acquire(key);
    const fifth = limiter.acquire(key);
    let resolvedAt: number | undefined;
    void fifth.then(() => {
      resolvedAt = performance.now();
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(resolvedAt).toBe(start + 1100);
  });

  it("is shared through the store: a limiter that saw quiet answers counts the slots still out with another's wide spread", async () => {
    const store = createMemoryStore();
    const busy = createRateLimiter({ store, limit: 3, intervalMs: 1000, minSafetyMarginMs: 0 });
    const quiet = createRateLimiter({ store, limit: 3, intervalMs: 1000, minSafetyMarginMs: 0 });
    // The slow answer is the last: only observe can tell the store, before busy's next take.
    for (const delayMs of [10, 10, 310]) await answeredAfter(busy, "learning", delayMs);
    for (let index = 0; index < 3; index++) {
      const slot = await quiet.acquire("other");
      await quiet.observe("other", { status: 200 }, slot);
    }
    expect(quiet.safetyMarginMs()).toBe(0);
    // Three slots of busy's whose answers never come (still out): each counts for 1000 ms + busy's
    // slowest (310) less the fastest of either (quiet's 0), since a request of busy's can arrive that
    // much later than one of quiet's.
    await vi.advanceTimersByTimeAsync(2000);
    const takenAt = performance.now();
    for (let index = 0; index < 3; index++) await busy.acquire("learning");
    expect(await slotComesAt(quiet, "learning")).toBe(takenAt + 1310);
  });

  it("is not learned when safetyMarginMs is set", async () => {
    const limiter = createRateLimiter({ limit: 100, intervalMs: 1000, safetyMarginMs: 40 });
    for (const delayMs of [10, 500, 10, 10]) await answeredAfter(limiter, key, delayMs);
    expect(limiter.safetyMarginMs()).toBe(40);
  });

  it("counts a key's window with the starting margin while a process has seen no answer (its first requests may be cold)", async () => {
    const store = createMemoryStore();
    const warm = createRateLimiter({ store, limit: 1, intervalMs: 1000, minSafetyMarginMs: 0 });
    for (const onKey of ["a", "b", "c"]) await answeredAfter(warm, onKey, 10);
    expect(warm.safetyMarginMs()).toBe(0);
    // A new process takes the slot before any answer: the window is 1000 + 250 for the warm one too.
    const cold = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const takenAt = performance.now();
    await cold.acquire(key);
    expect(await slotComesAt(warm, key)).toBe(takenAt + 1000 + DEFAULT_SAFETY_MARGIN_MS);
  });

  it("ignores answers observed without their slot", async () => {
    const limiter = createRateLimiter({ limit: 100, intervalMs: 1000 });
    for (let index = 0; index < 5; index++) {
      await limiter.acquire(key);
      await limiter.observe(key, { status: 200 });
    }
    expect(limiter.safetyMarginMs()).toBe(DEFAULT_SAFETY_MARGIN_MS);
  });
});
