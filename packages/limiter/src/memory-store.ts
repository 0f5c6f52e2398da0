import type { BlockAnchor, DelayReport, RateLimitStore, TakeResult } from "./store.js";

export interface MemoryStoreOptions {
  /**
   * The clock, in milliseconds. Tests inject a fake one; the default is monotonic, so a wall-clock
   * change (NTP, daylight saving) cannot open or close the window.
   * @default () => performance.now()
   */
  now?: () => number;
}

interface KeyState {
  /** Times of the requests still inside the window, oldest first. */
  log: number[];
  blockedUntil: number;
  /** The longest window asked for, so a sweep never drops entries a caller still counts. */
  intervalMs: number;
  /** The slowest and fastest delays reported by the limiters sharing this store, each until it lapses. */
  high: { ms: number; until: number } | undefined;
  low: { ms: number; until: number } | undefined;
}

/** A store for one process; `size` is there for monitoring (and to test that idle keys go). */
export interface MemoryStore extends RateLimitStore {
  /** How many keys the store holds now: those with a request in their window or a block in force. */
  readonly size: number;
}

/** Keys idle for a whole window are dropped on every this-many `take`s, so memory follows live keys. */
const SWEEP_EVERY_TAKES = 1000;

/**
 * A sliding-log store for one process. It knows nothing of other processes: with several
 * replicas, use `createRedisStore()` (or give each replica `limit / replicas`).
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? (() => performance.now());
  const keys = new Map<string, KeyState>();
  let takesSinceSweep = 0;

  function stateOf(key: string): KeyState {
    let state = keys.get(key);
    if (!state) {
      state = { log: [], blockedUntil: 0, intervalMs: 0, high: undefined, low: undefined };
      keys.set(key, state);
    }
    return state;
  }

  function sweep(at: number): void {
    for (const [key, state] of keys) {
      const newest = state.log.at(-1) ?? Number.NEGATIVE_INFINITY;
      if (newest <= at - state.intervalMs && state.blockedUntil <= at) keys.delete(key);
    }
  }

  /**
   * The window to count over: the caller's, or the widest the shared delays call for. Each reported
   * delay is kept for one such window (the life of the entries it protects) unless a wider one comes.
   */
  function windowFor(state: KeyState, at: number, windowMs: number, delays: DelayReport | undefined): number {
    if (state.high !== undefined && state.high.until <= at) state.high = undefined;
    if (state.low !== undefined && state.low.until <= at) state.low = undefined;
    if (delays === undefined) return windowMs;
    const { highMs, lowMs } = delays;
    const isHigher = highMs !== undefined && (state.high === undefined || highMs >= state.high.ms);
    const isLower = lowMs !== undefined && (state.low === undefined || lowMs <= state.low.ms);
    const high = isHigher ? highMs : state.high?.ms;
    const low = isLower ? lowMs : state.low?.ms;
    const widest =
      high === undefined || low === undefined ? windowMs : Math.max(windowMs, delays.intervalMs + high - low);
    if (isHigher) state.high = { ms: highMs, until: at + widest };
    if (isLower) state.low = { ms: lowMs, until: at + widest };
    return widest;
  }

  function take(key: string, limit: number, windowMs: number, delays?: DelayReport): TakeResult {
    const at = now();
    if (++takesSinceSweep >= SWEEP_EVERY_TAKES) {
      takesSinceSweep = 0;
      sweep(at);
    }
    const state = stateOf(key);
    const intervalMs = windowFor(state, at, windowMs, delays);
    state.intervalMs = Math.max(state.intervalMs, intervalMs);
    if (state.blockedUntil > at) return { allowed: false, retryInMs: Math.ceil(state.blockedUntil - at) };

    // An entry stops counting once a whole interval has passed since it was taken.
    let expired = 0;
    while (expired < state.log.length && state.log[expired]! <= at - intervalMs) expired++;
    if (expired > 0) state.log.splice(0, expired);

    if (state.log.length < limit) {
      state.log.push(at);
      return { allowed: true, retryInMs: 0 };
    }
    // The limit may have shrunk below the log's length: enough entries must expire to leave limit - 1.
    const mustExpire = state.log[state.log.length - limit]!;
    return { allowed: false, retryInMs: Math.max(1, Math.ceil(mustExpire + intervalMs - at)) };
  }

  function block(key: string, forMs: number, anchor: BlockAnchor): number {
    const state = stateOf(key);
    const at = now();
    // The window's first request: the oldest still younger than the block.
    const windowStart = anchor === "window" ? state.log.find((time) => time > at - forMs) : undefined;
    const until = (windowStart ?? at) + forMs;
    state.blockedUntil = Math.max(state.blockedUntil, until);
    return Math.max(0, Math.ceil(state.blockedUntil - at));
  }

  return {
    take: async (key, limit, windowMs, delays) => take(key, limit, windowMs, delays),
    share: async (key, windowMs, delays) => {
      const state = stateOf(key);
      state.intervalMs = Math.max(state.intervalMs, windowFor(state, now(), windowMs, delays));
    },
    block: async (key, forMs, anchor = "now") => block(key, forMs, anchor),
    get size() {
      return keys.size;
    },
  };
}
