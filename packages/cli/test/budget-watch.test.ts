// The rate budget as the run tells it, from injected numbers: no clock, no server.
import { describe, expect, it } from "vitest";
import { BudgetWatch, estimateRemainingMs, narrowedBudget, nextSlotInMs } from "../src/budget-watch.js";
import { formatDuration } from "../src/duration.js";
import { describeProgress, lineAboveProgress, restoreTerminal } from "../src/progress.js";

const HEADERS = { remaining: 50, max: 100, intervalMs: 10_000, dailyLimit: 200_000, dailyRemaining: 1_000 };
const NO_HEADERS = {
  remaining: undefined,
  max: undefined,
  intervalMs: undefined,
  dailyLimit: undefined,
  dailyRemaining: undefined,
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
  it("paces the rest by the budget, not by a burst that went faster", () => {
    // 100 lines went in the first second (a full window at once); 900 are left at 100 per 10 s.
    expect(
      estimateRemainingMs({
        remaining: 900,
        budget: { limit: 100, intervalMs: 10_000 },
        done: 100,
        elapsedMs: 1_000,
      }),
    ).toBe(90_000);
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

  it("reports a wait for the budget with the time to the next slot, counted down by the clock", () => {
    const { watch, setNow } = watchAt({ limit: 2, intervalMs: 10_000 });
    watch.onRequest();
    setNow(1_000);
    watch.onRequest();
    setNow(2_000);
    expect(watch.waitingStatus()).toBe("waiting for the rate budget (next slot in 8.0 s)");
    setNow(9_500);
    expect(watch.waitingStatus()).toBeUndefined();
  });

  it("reports a wait after an answer that said 0 remaining", () => {
    const { watch } = watchAt({ limit: 100, intervalMs: 10_000 });
    watch.onResponse({ ...HEADERS, remaining: 0 });
    expect(watch.waitingStatus()).toBe("waiting for the rate budget (next slot in 10 s)");
  });
});

describe("describeProgress", () => {
  it("shows the budget's ETA and the wait while lines wait for a slot", () => {
    const source = {
      budget: { limit: 100, intervalMs: 10_000 },
      waitingStatus: () => "waiting for the rate budget (next slot in 7.0 s)",
    };
    expect(describeProgress({ total: 1_000, done: 100, elapsedMs: 1_000 }, source)).toEqual({
      rate: "100.0",
      eta: "1 min 30 s",
      status: " | waiting for the rate budget (next slot in 7.0 s)",
    });
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
