import { maxCountInAnyWindow } from "@ghl-inbound/test-support/counting-server";
import { describe, expect, it, vi } from "vitest";
import { createRateLimiter, type RateLimiterOptions } from "../src/index.js";
import { useFakeTime } from "./helpers/fake-time.js";
import { simulateSends } from "./helpers/simulated-sends.js";

// A slot is taken when a request is about to leave; the server counts it when it arrives. If one
// request is held up (a new TLS connection, a fsync, a busy CPU), it lands late, and a request of the
// next window, sent on time, lands less than one interval after it. Simulated on fake timers: each
// request arrives `delayOf(i)` after its slot, so the counts below do not depend on this machine.
const limit = 3;
const intervalMs = 500;
const answerMs = 20;
const key = "location-1";

useFakeTime();

/** The arrivals at the server of `windows` windows of requests. */
async function simulatedArrivals(
  options: RateLimiterOptions,
  delayOf: (index: number) => number,
  windows: number,
): Promise<number[]> {
  const limiter = createRateLimiter({ limit, intervalMs, ...options });
  const run = simulateSends(limiter, { key, requests: windows * limit, delayOf, answerMs });
  await vi.advanceTimersByTimeAsync(windows * 2 * intervalMs);
  const { arrivals } = await run;
  expect(arrivals).toHaveLength(windows * limit);
  return arrivals;
}

/** The most arrivals the server counts in any interval, for `windows` windows of requests. */
async function worstServerCount(
  options: RateLimiterOptions,
  delayOf: (index: number) => number,
  windows = 4,
): Promise<number> {
  return maxCountInAnyWindow(await simulatedArrivals(options, delayOf, windows), intervalMs);
}

/**
 * The budget used, as the benchmark counts it: the shortest possible time from the first arrival to
 * the last ((windows - 1) intervals), over the time it took.
 */
async function budgetUsed(delayOf: (index: number) => number, windows: number): Promise<number> {
  const arrivals = await simulatedArrivals({}, delayOf, windows);
  return ((windows - 1) * intervalMs) / (Math.max(...arrivals) - Math.min(...arrivals));
}

/** The first request of the run is slowed by 150 ms (a cold connection); the others take 5 ms. */
const slowFirstRequest = (index: number) => (index === 0 ? 150 : 5);

describe("latency skew between taking a slot and arriving", () => {
  it("with no margin, a slow first request lets the server count more than the limit", async () => {
    expect(await worstServerCount({ safetyMarginMs: 0 }, slowFirstRequest)).toBeGreaterThan(limit);
  });

  it("a fixed margin smaller than the delay is overrun too", async () => {
    expect(await worstServerCount({ safetyMarginMs: 20 }, slowFirstRequest)).toBeGreaterThan(limit);
  });

  it("the learned margin absorbs a slow first request", async () => {
    expect(await worstServerCount({}, slowFirstRequest)).toBeLessThanOrEqual(limit);
  });

  it("the learned margin widens when the delays grow mid-run (a machine getting busy)", async () => {
    // Quiet for two windows (the learned margin narrows to 10 ms), then one request held up by 200 ms.
    const busyLater = (index: number) => (index === 2 * limit ? 200 : 5);
    expect(await worstServerCount({ safetyMarginMs: 20 }, busyLater, 6)).toBeGreaterThan(limit);
    expect(await worstServerCount({}, busyLater, 6)).toBeLessThanOrEqual(limit);
  });

  it("a slow first request costs the budget its own delay once, not the margin it taught in every window", async () => {
    // Ten windows: the ideal is 4500 ms from the first arrival to the last. The slow request's slot
    // frees 145 ms late (it arrived that late); the others, once answered (after 25 ms), one interval
    // and 1 ms after their answer: 26 ms late each window, not the 155 ms margin the slow one taught.
    const used = await budgetUsed(slowFirstRequest, 10);
    expect(used).toBeGreaterThanOrEqual(4500 / (4500 + 145 + 9 * 26 + 1));
  });
});
