import type { Writable } from "node:stream";
import { SingleBar } from "cli-progress";
import { estimateRemainingMs } from "./budget-watch.js";
import { formatDuration, type RateBudget } from "./duration.js";

export interface ProgressDisplay {
  start(total: number): void;
  /** `done` counts lines with an outcome in this run (added, failed or not sent), `failed` the failures among them. */
  update(done: number, failed: number): void;
  /** A line of its own above the bar (a notice), so that the bar's next redraw does not cover it. */
  say(text: string): void;
  stop(): void;
}

/** What the display reads about the rate budget (a BudgetWatch). */
export interface BudgetSource {
  readonly budget: RateBudget | undefined;
  nextSlotInMs(): number;
}

const NO_BUDGET: BudgetSource = { budget: undefined, nextSlotInMs: () => 0 };
/** Waits shorter than this are the budget working as planned, not worth a word. */
const WAIT_WORTH_SAYING_MS = 1_000;
/** How often the bar is redrawn without news: a wait for the budget counts down. */
const REFRESH_MS = 1_000;
const CLEAR_LINE = "\r\u001b[2K";
const SHOW_CURSOR = "\u001b[?25h";

/**
 * Text for a line written while a progress bar may be drawn on `stream`: on a terminal it first clears the
 * bar's line, so the text does not end in the bar's leftovers ("...re-run to resume.TA 15s | failed 0").
 */
export function lineAboveProgress(stream: { isTTY?: boolean }, text: string): string {
  return stream.isTTY === true ? `${CLEAR_LINE}${text}\n` : `${text}\n`;
}

/** Before exiting at once (a second Ctrl-C): the bar hid the cursor and will not get to show it again. */
export function restoreTerminal(stream: { isTTY?: boolean }): string {
  return stream.isTTY === true ? `${CLEAR_LINE}${SHOW_CURSOR}` : "";
}

/**
 * A progress bar with count, rate, ETA and any wait for the rate budget on a terminal (cli-progress); on a
 * pipe or a file, one plain line every `intervalMs`, which a log keeps readable.
 */
export function createProgressDisplay(
  stream: Writable & { isTTY?: boolean },
  intervalMs: number,
  budget: BudgetSource = NO_BUDGET,
): ProgressDisplay {
  return stream.isTTY === true ? createBar(stream, budget) : createPlainLines(stream, intervalMs, budget);
}

/** The numbers both displays show, from the counts and the budget (whose clock says how long a wait is left). */
export function describeProgress(
  { total, done, elapsedMs }: { total: number; done: number; elapsedMs: number },
  budget: BudgetSource,
): { rate: string; timeLeft: string; status: string } {
  const waitMs = done < total ? budget.nextSlotInMs() : 0;
  const etaMs = estimateRemainingMs({
    remaining: total - done,
    budget: budget.budget,
    nextSlotInMs: waitMs,
    done,
    elapsedMs,
  });
  return {
    rate: elapsedMs > 0 ? ((done / elapsedMs) * 1000).toFixed(1) : "0.0",
    timeLeft: etaMs === undefined ? "-" : formatDuration(etaMs),
    status:
      waitMs >= WAIT_WORTH_SAYING_MS
        ? ` | waiting for the rate budget (next slot in ${formatDuration(waitMs)})`
        : "",
  };
}

function createBar(stream: Writable & { isTTY?: boolean }, budget: BudgetSource): ProgressDisplay {
  const bar = new SingleBar({
    stream: stream as NodeJS.WritableStream,
    // Not cli-progress's own {eta}: that one follows the last burst (8 to 16 min on a 16 min run).
    format: "{bar} {value}/{total} lines | {rate}/s | ETA {timeLeft} | failed {failed}{status}",
    hideCursor: true,
    fps: 5,
  });
  let startedAt = 0;
  let total = 0;
  let done = 0;
  let failed = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    const elapsedMs = performance.now() - startedAt;
    bar.update(done, { failed, ...describeProgress({ total, done, elapsedMs }, budget) });
  };
  return {
    start(lineCount) {
      startedAt = performance.now();
      total = lineCount;
      bar.start(total, 0, { failed: 0, ...describeProgress({ total, done, elapsedMs: 0 }, budget) });
      timer = setInterval(draw, REFRESH_MS);
      timer.unref();
    },
    update(doneNow, failedNow) {
      done = doneNow;
      failed = failedNow;
      draw();
    },
    say(text) {
      stream.write(lineAboveProgress(stream, text));
      if (timer !== undefined) bar.render();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      bar.stop();
    },
  };
}

function createPlainLines(stream: Writable, intervalMs: number, budget: BudgetSource): ProgressDisplay {
  let total = 0;
  let done = 0;
  let failed = 0;
  let startedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const print = () => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const elapsedMs = performance.now() - startedAt;
    const { rate, timeLeft, status } = describeProgress({ total, done, elapsedMs }, budget);
    stream.write(
      `progress: ${done}/${total} lines (${percent} %), ${rate}/s, ${failed} failed, ETA ${timeLeft}${status.replace(" | ", ", ")}\n`,
    );
  };
  return {
    start(lineCount) {
      total = lineCount;
      startedAt = performance.now();
      timer = setInterval(print, intervalMs);
      timer.unref();
    },
    update(doneNow, failedNow) {
      done = doneNow;
      failed = failedNow;
    },
    say(text) {
      stream.write(`${text}\n`);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
