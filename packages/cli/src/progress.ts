import type { Writable } from "node:stream";
import { SingleBar } from "cli-progress";

export interface ProgressDisplay {
  start(total: number): void;
  /** `done` counts lines with an outcome in this run (added, failed or not sent), `failed` the failures among them. */
  update(done: number, failed: number): void;
  stop(): void;
}

/**
 * A progress bar with count, rate and ETA on a terminal (cli-progress); on a pipe or a file, one plain
 * line every `intervalMs`, which a log keeps readable.
 */
export function createProgressDisplay(
  stream: Writable & { isTTY?: boolean },
  intervalMs: number,
): ProgressDisplay {
  return stream.isTTY === true ? createBar(stream) : createPlainLines(stream, intervalMs);
}

function createBar(stream: Writable): ProgressDisplay {
  const bar = new SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: "{bar} {value}/{total} lines | {rate}/s | ETA {eta_formatted} | failed {failed}",
    hideCursor: true,
    etaBuffer: 200,
    fps: 5,
  });
  let startedAt = 0;
  return {
    start(total) {
      startedAt = performance.now();
      bar.start(total, 0, { rate: "0.0", failed: 0 });
    },
    update(done, failed) {
      bar.update(done, { rate: rateOf(done, startedAt), failed });
    },
    stop() {
      bar.stop();
    },
  };
}

function createPlainLines(stream: Writable, intervalMs: number): ProgressDisplay {
  let total = 0;
  let done = 0;
  let failed = 0;
  let startedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const print = () => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const rate = rateOf(done, startedAt);
    const perSecond = Number(rate);
    const eta = perSecond > 0 ? `, ETA ${formatSeconds((total - done) / perSecond)}` : "";
    stream.write(`progress: ${done}/${total} lines (${percent} %), ${rate}/s, ${failed} failed${eta}\n`);
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
    stop() {
      clearInterval(timer);
    },
  };
}

function rateOf(done: number, startedAt: number): string {
  const elapsedS = (performance.now() - startedAt) / 1000;
  return elapsedS > 0 ? (done / elapsedS).toFixed(1) : "0.0";
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
