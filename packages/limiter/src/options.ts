import { sleep } from "./abortable.js";
import { RateLimitOptionError, type RateLimitStoreError } from "./errors.js";
import { HIGHLEVEL_BURST_INTERVAL_MS, HIGHLEVEL_BURST_LIMIT } from "./highlevel-limits.js";
import { createMemoryStore } from "./memory-store.js";
import { findOptionProblem } from "./option-problems.js";
import type { RateLimitStore } from "./store.js";

/** What `acquire` does when the store fails or does not answer within `storeTimeoutMs`. */
export type StoreErrorPolicy = "throw" | "memory";

export interface RateLimiterOptions {
  /**
   * Requests allowed per key in any `intervalMs`. HighLevel allows 100 per 10 s per app per resource (a location or company).
   * @default 100
   */
  limit?: number;
  /** @default 10_000 */
  intervalMs?: number;
  /**
   * A fixed margin added to `intervalMs` when counting, instead of the learned one. A slot is taken
   * when a request is about to leave, HighLevel counts it when it arrives, and two requests can arrive
   * closer together than they left; by default the limiter learns how much from the answers it is
   * shown (`observe` with the slot), starting at 250 ms, and shares what it learned through the store
   * (see the README). Set a number to turn learning off (0: no margin at all).
   * @default learned: 250 until three answers were observed, then their spread + `minSafetyMarginMs`
   */
  safetyMarginMs?: number;
  /**
   * Added to the learned spread of delays: what the answers cannot show (the server's clock, timer
   * rounding). Ignored when `safetyMarginMs` is set.
   * @default 10
   */
  minSafetyMarginMs?: number;
  /**
   * The clock and the wait: `now()` in ms (monotonic) and `sleep(ms, signal)`. Tests drive time with
   * their own; the default memory store uses the same `now`.
   * @default performance.now() and a setTimeout that an abort clears
   */
  clock?: RateLimiterClock;
  /**
   * Where the per-key log lives. The default is per process: give every replica the same
   * `createRedisStore()` to share one budget.
   * @default createMemoryStore()
   */
  store?: RateLimitStore;
  /**
   * The longest `acquire` waits for a slot before it throws `RateLimitWaitTimeoutError`.
   * @default 60_000
   */
  maxWaitMs?: number;
  /**
   * The longest one store call may take before it counts as failed; a Redis client that queues
   * commands while reconnecting would otherwise hold `acquire` forever.
   * @default 2_000
   */
  storeTimeoutMs?: number;
  /**
   * `"throw"`: `acquire` throws `RateLimitStoreError` and the caller sends nothing.
   * `"memory"`: the process carries on with its own in-memory budget of `fallbackLimit`, after
   * first waiting one interval (it cannot know what other replicas sent in the current one).
   * @default "throw"
   */
  onStoreError?: StoreErrorPolicy;
  /**
   * The limit per key while falling back to memory. Each replica then counts alone, so set it to
   * `Math.floor(limit / replicas)` to stay inside the shared budget.
   * @default limit
   */
  fallbackLimit?: number;
  /**
   * Called when the limiter starts falling back to memory (once per outage, not per request).
   * @default a console.warn with the error's message
   */
  onFallback?: (error: RateLimitStoreError) => void;
}

/** Time as the limiter sees it. */
export interface RateLimiterClock {
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface ResolvedRateLimiterOptions {
  limit: number;
  intervalMs: number;
  /** Undefined: learned (see `RateLimiterOptions.safetyMarginMs`). */
  safetyMarginMs: number | undefined;
  minSafetyMarginMs: number;
  clock: RateLimiterClock;
  store: RateLimitStore;
  maxWaitMs: number;
  storeTimeoutMs: number;
  onStoreError: StoreErrorPolicy;
  fallbackLimit: number;
  onFallback: (error: RateLimitStoreError) => void;
}

export const DEFAULT_LIMIT = HIGHLEVEL_BURST_LIMIT;
export const DEFAULT_INTERVAL_MS = HIGHLEVEL_BURST_INTERVAL_MS;
/** The margin until the limiter has seen enough answers to learn its own. */
export const DEFAULT_SAFETY_MARGIN_MS = 250;
export const DEFAULT_MIN_SAFETY_MARGIN_MS = 10;
export const DEFAULT_MAX_WAIT_MS = 60_000;
export const DEFAULT_STORE_TIMEOUT_MS = 2_000;

const SYSTEM_CLOCK: RateLimiterClock = { now: () => performance.now(), sleep };

function warnOfFallback(error: RateLimitStoreError): void {
  console.warn(`[@ghl-inbound/limiter] ${error.message}. Falling back to a per-process memory budget.`);
}

/** Checks every option once, so `acquire` never meets a value it cannot use. */
export function normalizeOptions(options: RateLimiterOptions = {}): ResolvedRateLimiterOptions {
  const problem = findOptionProblem(options);
  if (problem !== undefined) throw new RateLimitOptionError(problem.option, problem.problem);
  const limit = options.limit ?? DEFAULT_LIMIT;
  const clock = options.clock ?? SYSTEM_CLOCK;
  return {
    limit,
    intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    safetyMarginMs: options.safetyMarginMs,
    minSafetyMarginMs: options.minSafetyMarginMs ?? DEFAULT_MIN_SAFETY_MARGIN_MS,
    clock,
    store: options.store ?? createMemoryStore({ now: () => clock.now() }),
    maxWaitMs: options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
    storeTimeoutMs: options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS,
    onStoreError: options.onStoreError ?? "throw",
    fallbackLimit: options.fallbackLimit ?? limit,
    onFallback: options.onFallback ?? warnOfFallback,
  };
}
