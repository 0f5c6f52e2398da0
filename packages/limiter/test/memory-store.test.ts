import { describe, expect, it } from "vitest";
import { type BlockAnchor, createMemoryStore, type DelayReport } from "../src/index.js";

type Step =
  | {
      at: number;
      take: string;
      limit: number;
      intervalMs: number;
      want: { allowed: boolean; retryInMs: number };
      delays?: DelayReport;
    }
  | { at: number; block: string; forMs: number; anchor?: BlockAnchor; wantBlockedMs?: number };

const take = (at: number, want: boolean | number, key = "a", limit = 2, intervalMs = 1000): Step => ({
  at,
  take: key,
  limit,
  intervalMs,
  want: want === true ? { allowed: true, retryInMs: 0 } : { allowed: false, retryInMs: Number(want) },
});

// [name, { given: steps at fake times, want: each take's answer (inside the steps) }]
const cases: [string, { given: Step[] }][] = [
  [
    "allows up to the limit, then says when the oldest slot frees",
    { given: [take(0, true), take(10, true), take(20, 980)] },
  ],
  [
    "frees a slot exactly one interval after it was taken",
    {
      given: [
        take(0, true),
        take(0, true),
        take(999, 1),
        take(1000, true),
        take(1000, true),
        take(1000, 1000),
      ],
    },
  ],
  [
    "slides: only requests of the last interval count",
    { given: [take(0, true), take(600, true), take(1100, true), take(1200, 400), take(1600, true)] },
  ],
  [
    "counts keys apart",
    { given: [take(0, true, "a"), take(0, true, "a"), take(0, true, "b"), take(0, 1000, "a")] },
  ],
  [
    "waits for enough entries to expire when the limit shrinks",
    {
      given: [
        take(0, true, "a", 3),
        take(100, true, "a", 3),
        take(200, true, "a", 3),
        take(300, 900, "a", 1),
      ],
    },
  ],
  [
    "refuses while blocked and tells the remaining block time",
    {
      given: [
        take(0, true),
        { at: 100, block: "a", forMs: 5000 },
        take(200, 4900),
        take(5099, 1),
        take(5100, true),
      ],
    },
  ],
  [
    "never shortens a block",
    {
      given: [{ at: 0, block: "a", forMs: 3000 }, { at: 10, block: "a", forMs: 100 }, take(200, 2800)],
    },
  ],
  ["blocks only the named key", { given: [{ at: 0, block: "a", forMs: 3000 }, take(0, true, "b")] }],
  [
    "records nothing for a refused request",
    {
      given: [take(0, true, "a", 1), take(500, 500, "a", 1), take(999, 1, "a", 1), take(1000, true, "a", 1)],
    },
  ],
  [
    "anchors a window block to the oldest request younger than the block",
    {
      given: [
        take(100, true, "a", 5),
        take(400, true, "a", 5),
        { at: 700, block: "a", forMs: 1000, anchor: "window", wantBlockedMs: 400 },
        take(1099, 1, "a", 5),
        take(1100, true, "a", 5),
      ],
    },
  ],
  [
    "anchors a window block to now when the log holds nothing younger",
    {
      given: [
        take(0, true, "a", 5),
        { at: 2000, block: "a", forMs: 1000, anchor: "window", wantBlockedMs: 1000 },
      ],
    },
  ],
  [
    "counts over the widest spread reported, for one window, by any caller of the key",
    {
      given: [
        // Caller A's answers took 20 to 520 ms: the window is 1000 + 500.
        { ...take(0, true, "a", 1), delays: { intervalMs: 1000, highMs: 520, lowMs: 20 } },
        // Caller B has learned nothing: it counts over A's window.
        { ...take(1200, 300, "a", 1), delays: { intervalMs: 1000, highMs: undefined, lowMs: undefined } },
        // Without a report, the caller's own window.
        take(1200, true, "b", 1),
        // A quieter report does not narrow it while the wider one holds (one window, 1500 ms).
        { ...take(1300, 200, "a", 1), delays: { intervalMs: 1000, highMs: 30, lowMs: 20 } },
        { ...take(1500, true, "a", 1), delays: { intervalMs: 1000, highMs: 30, lowMs: 20 } },
        // Once it lapsed, the quieter spread (10 ms) counts.
        { ...take(2511, true, "a", 1), delays: { intervalMs: 1000, highMs: 30, lowMs: 20 } },
      ],
    },
  ],
  [
    "rounds a fractional wait up to whole milliseconds",
    { given: [take(0.5, true, "a", 1), take(1.2, 1000, "a", 1)] },
  ],
];

describe("createMemoryStore", () => {
  it.each(cases)("%s", async (_name, { given }) => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    for (const step of given) {
      now = step.at;
      if ("take" in step) {
        expect(
          await store.take(step.take, step.limit, step.intervalMs, step.delays),
          `take at ${step.at}`,
        ).toMatchObject(step.want);
      } else {
        const blockedMs = await store.block(step.block, step.forMs, step.anchor);
        if (step.wantBlockedMs !== undefined)
          expect(blockedMs, `block at ${step.at}`).toBe(step.wantBlockedMs);
      }
    }
  });

  it("forgets idle keys, so memory follows the keys in use", async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    for (let index = 0; index < 500; index++) await store.take(`idle-${index}`, 1, 1000);
    await store.block("blocked", 10_000);
    expect(store.size).toBe(501);
    now = 5000;
    for (let index = 0; index < 1000; index++) await store.take("live", 10_000, 1000);
    expect(store.size).toBe(2);
  });

  it("uses a monotonic clock by default, so the window works without injection", async () => {
    const store = createMemoryStore();
    expect(await store.take("a", 1, 60_000)).toMatchObject({ allowed: true, retryInMs: 0 });
    const refused = await store.take("a", 1, 60_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryInMs).toBeGreaterThan(59_000);
  });
});
