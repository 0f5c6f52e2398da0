import { describe, expect, it, vi } from "vitest";
import { createMemoryStore, createRateLimiter, type RateLimiter } from "../src/index.js";
import { useFakeTime } from "./helpers/fake-time.js";

// Timelines on fake clocks, counted as the server counts: arrivals over a sliding window. Each request
// has its slot at g, leaves at s = g + leaveMs, arrives at a = s + outMs, and its answer is read at
// r = a + backMs (the server's own time folded into backMs). Each case once put a request over the limit.
useFakeTime();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Leg {
  leaveMs: number;
  outMs: number;
  backMs: number;
  tellsSentAt?: boolean;
}

/** One request through `limiter`; pushes when it arrived, and resolves once its answer was observed. */
async function request(limiter: RateLimiter, key: string, leg: Leg, arrivals: number[]): Promise<void> {
  const slot = await limiter.acquire(key);
  await sleep(leg.leaveMs);
  const sentAt = performance.now();
  await sleep(leg.outMs);
  arrivals.push(performance.now());
  await sleep(leg.backMs);
  await limiter.observe(key, { status: 201 }, leg.tellsSentAt === false ? slot : { ...slot, sentAt });
}

/** Runs `count` requests one after another, each on a key of its own: what a process learns from. */
async function warmUp(limiter: RateLimiter, name: string, count: number, leg: Leg): Promise<void> {
  for (let index = 0; index < count; index++) {
    const done = request(limiter, `${name}-${index}`, leg, []);
    await vi.runAllTimersAsync();
    await done;
  }
}

/** The most arrivals in any interval (a - intervalMs, a]. */
function mostInOneInterval(arrivals: number[], intervalMs: number): number {
  return Math.max(...arrivals.map((at) => arrivals.filter((x) => x > at - intervalMs && x <= at).length));
}

const far = { leaveMs: 5, outMs: 75, backMs: 75 };

describe("no more than the limit arrives in one interval", () => {
  it("when a process that cannot tell when its requests leave is on a shorter route than the one before", async () => {
    const store = createMemoryStore();
    const farLimiter = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const nearLimiter = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const near = { leaveMs: 0, outMs: 5, backMs: 5, tellsSentAt: false };
    await warmUp(farLimiter, "far", 4, far);
    await warmUp(nearLimiter, "near", 3, near);
    const arrivals: number[] = [];
    const farDone = request(farLimiter, "key", far, arrivals);
    await vi.advanceTimersByTimeAsync(200);
    await farDone;
    // Counted with the key's fastest leaving-to-answer time (150 ms), its slot would come 1016 ms after
    // the far one's, and its request arrive 58 ms short of an interval after the far one's.
    const nearDone = request(nearLimiter, "key", near, arrivals);
    await vi.advanceTimersByTimeAsync(2000);
    await nearDone;
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
  });

  it("when a new process is on a shorter route than the others", async () => {
    const store = createMemoryStore();
    const farLimiter = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    await warmUp(farLimiter, "far", 4, far);
    const arrivals: number[] = [];
    const farDone = request(farLimiter, "key", far, arrivals);
    await vi.advanceTimersByTimeAsync(200);
    await farDone;
    // A replica starting nearer the server: its first request opens a connection (30 ms), then 5 ms out.
    const nearLimiter = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const nearDone = request(nearLimiter, "key", { leaveMs: 30, outMs: 5, backMs: 5 }, arrivals);
    await vi.advanceTimersByTimeAsync(2000);
    await nearDone;
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
  });

  it("when a new process's cold request, slow on the way out, met a quicker server than the others' fastest did", async () => {
    const store = createMemoryStore();
    const warm = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    await warmUp(warm, "warm", 4, far);
    // A new replica: its first requests are 40 ms slower on the way out (115 ms). Three meet a server as
    // slow as the warm process's (75 ms back); the one on `key` waited 50 ms for a connection and met one
    // 40 ms quicker (35 ms back): its leaving-to-answer time, 150 ms, is the warm process's fastest.
    const cold = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const arrivals: number[] = [];
    const coldDone = Promise.all([
      ...[0, 1, 2].map((index) => request(cold, `cold-${index}`, { leaveMs: 5, outMs: 115, backMs: 75 }, [])),
      request(cold, "key", { leaveMs: 50, outMs: 115, backMs: 35 }, arrivals),
    ]);
    await vi.advanceTimersByTimeAsync(300);
    await coldDone;
    // Counted from when it left with its own time as the slowest, the slot would free for the warm
    // process 1061 ms after it was taken; the request arrived 165 ms after it.
    const warmDone = request(warm, "key", far, arrivals);
    await vi.advanceTimersByTimeAsync(3000);
    await warmDone;
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
  });

  it("when a process's cold requests were slower on the way out than the warm ones after them", async () => {
    const limiter = createRateLimiter({ store: createMemoryStore(), limit: 4, intervalMs: 1000 });
    const arrivals: number[] = [];
    // The first four (cold): 115 ms out, 75 back; the next four (warm): 75 ms each way. With the cold
    // answers' fastest leaving-to-answer time (190 ms) as its own, the warm ones arrived 24 ms early.
    const all = Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        request(limiter, "key", { leaveMs: 5, outMs: index < 4 ? 115 : 75, backMs: 75 }, arrivals),
      ),
    );
    await vi.advanceTimersByTimeAsync(5000);
    await all;
    expect(arrivals).toHaveLength(8);
    expect(mostInOneInterval(arrivals, 1000)).toBeLessThanOrEqual(4);
  });
});
