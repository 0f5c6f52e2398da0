import { describe, expect, it, vi } from "vitest";
import {
  createMemoryStore,
  createRateLimiter,
  DEFAULT_SAFETY_MARGIN_MS,
  type RateLimitWaitTimeoutError,
} from "../src/index.js";
import { answeredAfter, slotComesAt, useFakeTime } from "./helpers/fake-time.js";

// A slot counts for its window (the interval and the margin) while its request may be on its way. A
// request cannot reach the server after its answer was read, so once it is answered the slot stops
// counting one interval after the answer (and 1 ms for the clocks' rounding) when that comes first. Fake timers
// drive the limiter's clock, so every time below is exact.
useFakeTime();

const key = "location-1";

describe("settled slots", () => {
  it("stop counting one interval after their answer when that comes before the end of their window", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000 });
    await answeredAfter(limiter, key, 5);
    // Its window: 1000 + the starting margin (250). Its answer came at 5: 5 + 1000 + 1.
    expect(limiter.safetyMarginMs()).toBe(DEFAULT_SAFETY_MARGIN_MS);
    expect(await slotComesAt(limiter, key)).toBe(1006);
  });

  it("count for their whole window when observed without their id (a caller written before slots were settled)", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000 });
    const { grantedAt } = await limiter.acquire(key);
    await vi.advanceTimersByTimeAsync(5);
    await limiter.observe(key, { status: 201 }, { grantedAt });
    expect(await slotComesAt(limiter, key)).toBe(1000 + DEFAULT_SAFETY_MARGIN_MS);
  });

  it("count no longer than their window, however late the answer", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000 });
    /** Waits for a slot, then reads its answer `delayMs` later; resolves when the slot was taken. */
    async function answeredAfter(delayMs: number): Promise<number> {
      const taking = limiter.acquire(key);
      let slot: Awaited<typeof taking> | undefined;
      void taking.then((taken) => (slot = taken));
      while (slot === undefined) await vi.advanceTimersToNextTimerAsync();
      await vi.advanceTimersByTimeAsync(delayMs);
      await limiter.observe(key, { status: 201 }, slot);
      return slot.grantedAt;
    }
    for (let index = 0; index < 3; index++) await answeredAfter(100);
    // Answered 300 ms after its slot: one interval after the answer is 1301 ms after the slot, its
    // window (1000 + the spread, 300 less 100, + 10) ends sooner.
    const takenAt = await answeredAfter(300);
    expect(limiter.safetyMarginMs()).toBe(210);
    expect(await slotComesAt(limiter, key)).toBe(takenAt + 1210);
  });

  it("settle as answered now when no answer came, and teach nothing", async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000, minSafetyMarginMs: 5 });
    const slot = await limiter.acquire(key);
    await vi.advanceTimersByTimeAsync(100);
    // A timeout or a lost connection: the request may have arrived at any time until now.
    await limiter.observe(key, {}, slot);
    expect(limiter.safetyMarginMs()).toBe(DEFAULT_SAFETY_MARGIN_MS);
    expect(await slotComesAt(limiter, key)).toBe(1101);
  });

  it("end a window block (X-RateLimit-Remaining: 0) when the window's first slot stops counting", async () => {
    const limiter = createRateLimiter({ limit: 10, intervalMs: 1000 });
    for (let index = 0; index < 3; index++) await answeredAfter(limiter, key, 5);
    // The fourth answer says the server's window is full (another app spends the same budget).
    const { blockedForMs } = await answeredAfter(limiter, key, 5, { status: 201, remaining: 0 });
    // The key is blocked until this process's first slot, answered at 5, stops counting at 1006.
    expect(blockedForMs).toBe(1006 - 20);
    expect(await slotComesAt(limiter, key)).toBe(1006);
  });

  it("count for the interval an answer reveals, that answer's own slot included", async () => {
    const limiter = createRateLimiter({ limit: 2, intervalMs: 1000 });
    // The server counts over 2000 ms, not the 1000 configured.
    for (let index = 0; index < 2; index++)
      await answeredAfter(limiter, key, 5, { status: 201, intervalMs: 2000 });
    // The first slot, answered at 5, counts until 5 + 2000 + 1: a third request sooner would be the
    // third in one of the server's intervals.
    expect(await slotComesAt(limiter, key)).toBeGreaterThanOrEqual(2006);
  });
});

describe("a settled slot, for processes that reach the server sooner than the one that settled it", () => {
  /** Three requests on keys of their own, each answered `delayMs` after its slot; the first is cold. */
  async function learn(limiter: ReturnType<typeof createRateLimiter>, prefix: string, delayMs: number) {
    for (let index = 0; index < 4; index++) await answeredAfter(limiter, `${prefix}-${index}`, delayMs);
  }

  it("counts until the end each taker's fastest delay calls for, not the one fixed when it was settled", async () => {
    const store = createMemoryStore();
    const settler = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const cold = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const nearer = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    // The settler's answers all come 155 ms after its slots (margin 10); the nearer process's, 60 ms.
    await learn(settler, "settler", 155);
    await learn(nearer, "nearer", 60);
    await vi.advanceTimersByTimeAsync(5000);
    const slot = await settler.acquire(key);
    await vi.advanceTimersByTimeAsync(155);
    await settler.observe(key, { status: 201 }, slot);
    const retryFor = async (limiter: ReturnType<typeof createRateLimiter>) => {
      const refused = await limiter.acquire(key, { maxWaitMs: 0 }).catch((error: unknown) => error);
      return (refused as RateLimitWaitTimeoutError).retryInMs + 155;
    };
    // For the settler: 1000 + 165 (the slowest, with the margin) - 155. For the nearer one: - 60. For
    // a process that has seen no answer (its requests may arrive at once): one interval after the answer.
    expect(await retryFor(settler)).toBe(1010);
    expect(await retryFor(nearer)).toBe(1105);
    expect(await retryFor(cold)).toBe(1156);
  });

  it("counts for a process whose answers so far were cold with the key's fastest delay, not its own", async () => {
    const store = createMemoryStore();
    const nearer = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const fresh = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    await learn(nearer, "nearer", 50);
    // One cold answer, 400 ms (a new connection): its warm requests will arrive far sooner.
    await answeredAfter(fresh, "fresh", 400);
    const slot = await nearer.acquire(key);
    await vi.advanceTimersByTimeAsync(50);
    await nearer.observe(key, { status: 201 }, slot);
    // 1000 + 60 (the slowest, with the margin) - 50 (the key's fastest), not - 400.
    expect((await slotComesAt(fresh, key)) - slot.grantedAt).toBe(1010);
  });
});
