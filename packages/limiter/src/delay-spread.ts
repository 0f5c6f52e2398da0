// How much the delay from a slot to the server varies, learned from answers: the safety margin the
// limiter adds to its window. A slot is taken when a request is about to leave and HighLevel counts
// it when it arrives; two requests one window apart in the log can arrive closer together than that
// when the first was held up longer (a fsync, a busy CPU, a new connection). The limiter cannot see
// arrivals, but it sees each answer: from asking for the slot to reading the answer is that delay plus
// the server's time and the way back. Their spread (slowest less fastest) bounds how much later one
// request can arrive than another, as long as the server's own time varies less than that.

/** The slowest and fastest slot-to-answer times seen lately, in ms, and how many answers they come from. */
export interface DelaySpread {
  highMs: number;
  lowMs: number;
  samples: number;
}

export interface DelaySpreadTracker {
  /** One request's time from asking for its slot to reading its answer. */
  record(delayMs: number): void;
  /** The spread of the last `holdMs`, or undefined when nothing was recorded in it. */
  spread(): DelaySpread | undefined;
}

/** Fewer answers than this say too little about the spread: the limiter keeps its starting margin for its own count. */
export const MIN_SAMPLES = 3;

/** The hold is cut in this many buckets: memory stays constant, and a spike leaves a bucket at a time. */
const BUCKETS = 6;

interface Bucket {
  startedAt: number;
  highMs: number;
  lowMs: number;
  samples: number;
}

/**
 * Widens at once (one slow answer raises `highMs`) and narrows slowly: a sample counts for `holdMs`
 * (the limiter uses three intervals, and at least 30 s), so a quiet spell does not undo what a busy
 * one taught.
 */
export function createDelaySpreadTracker(options: { holdMs: number; now: () => number }): DelaySpreadTracker {
  const { holdMs, now } = options;
  const bucketMs = Math.max(1, holdMs / BUCKETS);
  const buckets: Bucket[] = [];

  function dropExpired(at: number): void {
    while (buckets.length > 0 && buckets[0]!.startedAt + bucketMs <= at - holdMs) buckets.shift();
  }

  return {
    record(delayMs) {
      if (!Number.isFinite(delayMs) || delayMs < 0) return;
      const at = now();
      dropExpired(at);
      let current = buckets.at(-1);
      if (current === undefined || current.startedAt + bucketMs <= at) {
        current = { startedAt: at, highMs: delayMs, lowMs: delayMs, samples: 0 };
        buckets.push(current);
      }
      current.highMs = Math.max(current.highMs, delayMs);
      current.lowMs = Math.min(current.lowMs, delayMs);
      current.samples++;
    },
    spread() {
      dropExpired(now());
      let samples = 0;
      let highMs = Number.NEGATIVE_INFINITY;
      let lowMs = Number.POSITIVE_INFINITY;
      for (const bucket of buckets) {
        samples += bucket.samples;
        highMs = Math.max(highMs, bucket.highMs);
        lowMs = Math.min(lowMs, bucket.lowMs);
      }
      return samples === 0 ? undefined : { highMs, lowMs, samples };
    },
  };
}
