import type { RateLimitStore, TakeResult } from "./store.js";

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
  /** The longest interval asked for, so a sweep never drops entries a caller still counts. */
  intervalMs: number;
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
      state = { log: [], blockedUntil: 0, intervalMs: 0 };
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

  function take(key: string, limit: number, intervalMs: number): TakeResult {
    const at = now();
    if (++takesSinceSweep >= SWEEP_EVERY_TAKES) {
      takesSinceSweep = 0;
      sweep(at);
    }
    const state = stateOf(key);
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

  function block(key: string, forMs: number): void {
    const state = stateOf(key);
    state.blockedUntil = Math.max(state.blockedUntil, now() + forMs);
  }

  return {
    take: async (key, limit, intervalMs) => take(key, limit, intervalMs),
    block: async (key, forMs) => block(key, forMs),
    get size() {
      return keys.size;
    },
  };
}
