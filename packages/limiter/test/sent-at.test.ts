import { describe, expect, it, vi } from "vitest";
import { createMemoryStore, createRateLimiter, type RateLimiter } from "../src/index.js";
import { slotComesAt, useFakeTime } from "./helpers/fake-time.js";

// Told when each request left (`sentAt`), the limiter counts a warm slot from then: one interval, and
// the spread of the times from leaving to the answer, after it left. Fake timers drive the clock.
useFakeTime();

/** One request on its own key (limit 1 each): it leaves `sentAfterMs` after its slot, its answer comes `wireMs` later. */
async function sent(
  limiter: RateLimiter,
  key: string,
  sentAfterMs: number,
  wireMs: number,
  { tellsSentAt = true } = {},
): Promise<number> {
  const slot = await limiter.acquire(key);
  await vi.advanceTimersByTimeAsync(sentAfterMs);
  const sentAt = performance.now();
  await vi.advanceTimersByTimeAsync(wireMs);
  await limiter.observe(key, { status: 201 }, tellsSentAt ? { ...slot, sentAt } : slot);
  return slot.grantedAt;
}

/** A cold first request, then warm ones whose answers come 150 ms after they leave, one of them held up 200 ms before leaving. */
async function warmUp(limiter: RateLimiter, prefix: string, wireMs = [150, 150, 150]): Promise<void> {
  await sent(limiter, `${prefix}-cold`, 40, 190);
  await sent(limiter, `${prefix}-held`, 200, 150);
  for (const [index, ms] of wireMs.entries()) await sent(limiter, `${prefix}-${index}`, 5, ms);
}

describe("a slot told when its request left", () => {
  it("counts for one interval, the spread of leaving-to-answer times and the margin after it left, when that ends first", async () => {
    const limiter = createRateLimiter({ store: createMemoryStore(), limit: 1, intervalMs: 1000 });
    await warmUp(limiter, "learn");
    // The held-up request widened the margin (slot to answer: 155 to 350 ms): a slot still out counts 1205 ms.
    expect(limiter.safetyMarginMs()).toBe(350 - 155 + 10);
    const grantedAt = await sent(limiter, "key", 5, 150);
    // It left 5 ms after its slot; leaving to answer took 150 ms every time: 1000 + 5 + 1 (rounding) + 0 + 10.
    expect((await slotComesAt(limiter, "key")) - grantedAt).toBe(1016);
  });

  it("counts as before without sentAt, and before three answers told it", async () => {
    const limiter = createRateLimiter({ store: createMemoryStore(), limit: 1, intervalMs: 1000 });
    await warmUp(limiter, "learn");
    const untold = await sent(limiter, "untold", 5, 150, { tellsSentAt: false });
    // One interval and 1 ms after its answer, 155 ms after the slot: before the end of its window (1205 ms).
    expect((await slotComesAt(limiter, "untold")) - untold).toBe(1156);

    const fresh = createRateLimiter({ store: createMemoryStore(), limit: 1, intervalMs: 1000 });
    await sent(fresh, "cold", 40, 190);
    const first = await sent(fresh, "warm-1", 5, 150);
    // Two answers told when they left: too few to tell the spread. The answer bounds the slot.
    expect((await slotComesAt(fresh, "warm-1")) - first).toBe(1156);
  });

  it("leaves cold answers out of the spread it reports: a cold one counts for its own slot alone", async () => {
    const limiter = createRateLimiter({ store: createMemoryStore(), limit: 1, intervalMs: 1000 });
    // The cold request's answer came 190 ms after it left, the warm ones' 150 ms.
    await sent(limiter, "cold", 40, 190);
    await sent(limiter, "warm-1", 200, 150);
    const second = await sent(limiter, "warm-2", 5, 150);
    // Two warm answers: no fastest to count with yet (a cold one's is none), so the answer bounds it.
    expect((await slotComesAt(limiter, "warm-2")) - second).toBe(5 + 150 + 1000 + 1);
    // Three: the cold answer's 190 ms is in no one's slowest but its own slot's.
    const third = await sent(limiter, "warm-3", 5, 150);
    expect((await slotComesAt(limiter, "warm-3")) - third).toBe(1000 + 5 + 1 + 0 + 10);
  });

  it("ignores sentAt before three answers told the fastest, and a sentAt before the slot or after the answer", async () => {
    const limiter = createRateLimiter({ store: createMemoryStore(), limit: 1, intervalMs: 1000 });
    const cold = await sent(limiter, "cold", 5, 150);
    // The first request: counted until one interval after its answer, for a taker that knows no fastest.
    expect((await slotComesAt(limiter, "cold")) - cold).toBe(1156);
    await warmUp(limiter, "learn");
    for (const [key, shiftMs] of [
      ["before", -10],
      ["after", 1],
    ] as const) {
      const slot = await limiter.acquire(key);
      await vi.advanceTimersByTimeAsync(155);
      const sentAt = shiftMs < 0 ? slot.grantedAt + shiftMs : performance.now() + shiftMs;
      await limiter.observe(key, { status: 201 }, { ...slot, sentAt });
      expect((await slotComesAt(limiter, key)) - slot.grantedAt).toBe(1156);
    }
  });

  it("bounds a cold slot by its answer alone, even once the warm ones have told the spread", async () => {
    const limiter = createRateLimiter({ store: createMemoryStore(), limit: 1, intervalMs: 1000 });
    // Taken before any answer; its answer comes only once the warm-up below taught the spread (0 ms).
    const held = await limiter.acquire("held");
    await warmUp(limiter, "learn");
    await vi.advanceTimersByTimeAsync(held.grantedAt + 1150 - performance.now());
    await limiter.observe("held", { status: 201 }, { ...held, sentAt: held.grantedAt + 5 });
    // Not 1000 + 5 + 1 + 0 + 10 after its slot: how much of a cold request's time was on the way out,
    // nothing tells (see arrival-timelines.test.ts).
    expect((await slotComesAt(limiter, "held")) - held.grantedAt).toBe(1150 + 1000 + 1);
  });

  it("bounds a process's first slots by their answers for every taker, one that knows its fastest too", async () => {
    const store = createMemoryStore();
    const warm = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    await warmUp(warm, "learn");
    // A new process: its first request left 40 ms after its slot and was answered 190 ms later.
    const fresh = createRateLimiter({ store, limit: 1, intervalMs: 1000 });
    const first = await sent(fresh, "key", 40, 190);
    expect((await slotComesAt(warm, "key")) - first).toBe(230 + 1000 + 1);
  });

  it("counts with the widest leaving-to-answer spread any limiter on the key reported", async () => {
    const store = createMemoryStore();
    const steady = createRateLimiter({ store, limit: 2, intervalMs: 1000 });
    const uneven = createRateLimiter({ store, limit: 2, intervalMs: 1000 });
    await warmUp(steady, "steady");
    // The other limiter's answers came 150 to 250 ms after its requests left (another way to the server).
    await warmUp(uneven, "uneven", [150, 250, 150]);
    const unevenAt = await sent(uneven, "key", 5, 150);
    const grantedAt = await sent(steady, "key", 5, 150);
    // The first slot to free is the uneven limiter's; then steady's, counted with the 100 ms spread
    // the other reported, not its own (0).
    expect((await slotComesAt(steady, "key")) - unevenAt).toBe(1000 + 5 + 1 + 100 + 10);
    expect((await slotComesAt(steady, "key")) - grantedAt).toBe(1000 + 5 + 1 + 100 + 10);
  });
});
