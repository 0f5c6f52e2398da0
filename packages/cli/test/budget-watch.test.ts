// The rate budget as the run tells it, from injected numbers: no clock, no server.
import { describe, expect, it } from "vitest";
import { BudgetWatch, estimateRemainingMs, narrowedBudget, nextSlotInMs } from "../src/budget-watch.js";
import { formatDuration } from "../src/duration.js";
import { describeProgress, lineAboveProgress, restoreTerminal } from "../src/progress.js";

const HEADERS = {
  remaining: 50,
  max: 100,
  intervalMs: 10_000,
  dailyLimit: 200_000,
  dailyRemaining: 1_000,
  dailyResetMs: undefined,
};
const NO_HEADERS = {
  remaining: undefined,
  max: undefined,
  intervalMs: undefined,
  dailyLimit: undefined,
  dailyRemaining: undefined,
  dailyResetMs: undefined,
};

describe("narrowedBudget", () => {
  it.each([
    ["1000/1s against 100 per 10 s", { limit: 1000, intervalMs: 1_000 }, { limit: 100, intervalMs: 10_000 }],
    ["50/10s stays (already narrower)", { limit: 50, intervalMs: 10_000 }, { limit: 50, intervalMs: 10_000 }],
    [
      "100/20s stays (longer interval)",
      { limit: 100, intervalMs: 20_000 },
      { limit: 100, intervalMs: 20_000 },
    ],
  ])("%s", (_, configured, expected) => {
    expect(narrowedBudget(configured, HEADERS)).toEqual(expected);
  });

  it("keeps the configured budget when the answer has no rate-limit headers", () => {
    expect(narrowedBudget({ limit: 10, intervalMs: 1_000 }, NO_HEADERS)).toEqual({
      limit: 10,
      intervalMs: 1_000,
    });
  });
});

describe("nextSlotInMs", () => {
  const budget = { limit: 3, intervalMs: 10_000 };

  it("is 0 while the window has room", () => {
    expect(nextSlotInMs([0, 1_000], 2_000, budget)).toBe(0);
  });

  it("is when the oldest request of a full window leaves it", () => {
    expect(nextSlotInMs([0, 1_000, 2_000], 3_000, budget)).toBe(7_000);
    expect(nextSlotInMs([0, 1_000, 2_000, 9_000], 9_500, budget)).toBe(1_500);
  });

  it("waits out a block from an answer that said 0 remaining", () => {
    expect(nextSlotInMs([], 1_000, budget, 8_000)).toBe(7_000);
  });
});

describe("estimateRemainingMs", () => {
  const budget = { limit: 100, intervalMs: 10_000 };

  it("paces the rest by the budget, not by a burst that went faster", () => {
    // 100 lines went in the first second (a full window at once); 900 are left at 100 per 10 s, the next
    // slot in 9 s: nine more windows, the first of them after the wait.
    expect(
      estimateRemainingMs({ remaining: 900, budget, nextSlotInMs: 9_000, done: 100, elapsedMs: 1_000 }),
    ).toBe(89_000);
  });

  it("counts the wait for the next window when the rest fits in it", () => {
    expect(
      estimateRemainingMs({ remaining: 30, budget, nextSlotInMs: 9_000, done: 100, elapsedMs: 1_000 }),
    ).toBe(9_000);
  });

  it("paces by what the run saw when the server is slower than the budget", () => {
    expect(
      estimateRemainingMs({
        remaining: 50,
        budget: { limit: 100, intervalMs: 1_000 },
        done: 10,
        elapsedMs: 10_000,
      }),
    ).toBe(50_000);
  });

  it("is unknown with no budget and nothing done, and 0 when nothing is left", () => {
    expect(estimateRemainingMs({ remaining: 5, budget: undefined, done: 0, elapsedMs: 0 })).toBeUndefined();
    expect(estimateRemainingMs({ remaining: 0, budget: undefined, done: 5, elapsedMs: 10 })).toBe(0);
  });

  it("stays steady over a run at HighLevel's budget: 10,000 lines, 16.5 min, checked every window", () => {
    // The run of issue 22: each window sends 100 at once, then waits. Seen from inside each window, the
    // estimate never swings by more than one window from the time really left.
    for (let window = 1; window < 100; window++) {
      const done = window * 100;
      const elapsedMs = (window - 1) * 10_000 + 1_000;
      const nextSlotInMs = 9_000;
      const eta = estimateRemainingMs({ remaining: 10_000 - done, budget, nextSlotInMs, done, elapsedMs })!;
      const reallyLeftMs = (100 - window - 1) * 10_000 + nextSlotInMs;
      expect(Math.abs(eta - reallyLeftMs)).toBeLessThanOrEqual(10_000);
    }
  });
});

describe("BudgetWatch", () => {
  function watchAt(configured = { limit: 1000, intervalMs: 1_000 }) {
    let now = 0;
    const said: string[] = [];
    const watch = new BudgetWatch(
      configured,
      (text) => said.push(text),
      () => now,
    );
    return { watch, said, setNow: (ms: number) => (now = ms) };
  }

  it("says once, when the server's headers first narrow --rate-limit, what budget the run keeps", () => {
    const { watch, said } = watchAt();
    watch.onResponse(HEADERS);
    watch.onResponse(HEADERS);
    watch.onResponse(HEADERS);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("allow 100 per 10 s, less than --rate-limit (1000 per 1.0 s)");
    expect(watch.budget).toEqual({ limit: 100, intervalMs: 10_000 });
  });

  it("says nothing when the headers allow at least --rate-limit", () => {
    const { watch, said } = watchAt({ limit: 100, intervalMs: 10_000 });
    watch.onResponse(HEADERS);
    expect(said).toEqual([]);
  });

  it("tells the time to the next slot, counted down by the clock", () => {
    const { watch, setNow } = watchAt({ limit: 2, intervalMs: 10_000 });
    watch.onRequest();
    setNow(1_000);
    watch.onRequest();
    setNow(2_000);
    expect(watch.nextSlotInMs()).toBe(8_000);
    setNow(10_500);
    expect(watch.nextSlotInMs()).toBe(0);
  });

  it("tells a wait after an answer that said 0 remaining", () => {
    const { watch } = watchAt({ limit: 100, intervalMs: 10_000 });
    watch.onResponse({ ...HEADERS, remaining: 0 });
    expect(watch.nextSlotInMs()).toBe(10_000);
  });
});

describe("describeProgress", () => {
  const source = (waitMs: number) => ({
    budget: { limit: 100, intervalMs: 10_000 },
    nextSlotInMs: () => waitMs,
  });

  it("shows the budget's ETA and the wait while lines wait for a slot", () => {
    expect(describeProgress({ total: 1_000, done: 100, elapsedMs: 1_000 }, source(7_000))).toEqual({
      rate: "100.0",
      timeLeft: "1 min 27 s",
      status: " | waiting for the rate budget (next slot in 7.0 s)",
    });
  });

  it("says nothing of a wait under a second, or once every line is done", () => {
    expect(describeProgress({ total: 1_000, done: 100, elapsedMs: 1_000 }, source(400)).status).toBe("");
    expect(describeProgress({ total: 100, done: 100, elapsedMs: 1_000 }, source(7_000)).status).toBe("");
  });
});

describe("notices over the progress bar", () => {
  it("clear the bar's line first on a terminal, and not on a pipe", () => {
    expect(lineAboveProgress({ isTTY: true }, "SIGINT again")).toBe("\r\u001b[2KSIGINT again\n");
    expect(lineAboveProgress({ isTTY: false }, "SIGINT again")).toBe("SIGINT again\n");
    expect(restoreTerminal({ isTTY: true })).toContain("\u001b[?25h");
    expect(restoreTerminal({})).toBe("");
  });
});

describe("formatDuration", () => {
  it.each([
    [400, "0.4 s"],
    [7_000, "7.0 s"],
    [45_000, "45 s"],
    [990_000, "16 min 30 s"],
    [7_200_000, "2 h 0 min"],
  ])("%d ms: %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
