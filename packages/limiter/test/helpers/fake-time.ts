// The limiter's default clock (performance.now and setTimeout) on vitest's fake timers, so that every
// delay and every wait in a test is exact.
import { afterEach, beforeEach, vi } from "vitest";
import type { ObserveResult, RateLimiter, RateLimitObservation } from "../../src/index.js";

/** Fake timers for every test of the file that calls it. */
export function useFakeTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** When, on the fake clock, the next slot for `key` comes: the timers run until it does (10 s at most). */
export async function slotComesAt(limiter: RateLimiter, key: string): Promise<number> {
  let cameAt: number | undefined;
  void limiter.acquire(key).then(() => {
    cameAt = performance.now();
  });
  for (let step = 0; step < 100 && cameAt === undefined; step++) await vi.advanceTimersByTimeAsync(100);
  return cameAt!;
}

/** One request whose answer the limiter reads `delayMs` after its slot; resolves what `observe` said. */
export async function answeredAfter(
  limiter: RateLimiter,
  key: string,
  delayMs: number,
  observation: RateLimitObservation = { status: 201 },
): Promise<ObserveResult> {
  const slot = await limiter.acquire(key);
  await vi.advanceTimersByTimeAsync(delayMs);
  return limiter.observe(key, observation, slot);
}
