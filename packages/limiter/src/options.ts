import { RateLimitOptionError, type RateLimitStoreError } from "./errors.js";
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
   * Added to `intervalMs` when counting: a slot is taken when a request leaves, HighLevel counts it
   * when it arrives, and two requests can arrive closer together than they left. This covers that
   * difference in latency (see the README). 0 turns it off.
   * @default 250
   */
  safetyMarginMs?: number;
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

export interface ResolvedRateLimiterOptions {
  limit: number;
  intervalMs: number;
  safetyMarginMs: number;
  store: RateLimitStore;
  maxWaitMs: number;
  storeTimeoutMs: number;
  onStoreError: StoreErrorPolicy;
  fallbackLimit: number;
  onFallback: (error: RateLimitStoreError) => void;
}

export const DEFAULT_LIMIT = 100;
export const DEFAULT_INTERVAL_MS = 10_000;
export const DEFAULT_SAFETY_MARGIN_MS = 250;
export const DEFAULT_MAX_WAIT_MS = 60_000;
export const DEFAULT_STORE_TIMEOUT_MS = 2_000;

function warnOfFallback(error: RateLimitStoreError): void {
  console.warn(`[@ghl-inbound/limiter] ${error.message}. Falling back to a per-process memory budget.`);
}

/** Checks every option once, so `acquire` never meets a value it cannot use. */
export function normalizeOptions(options: RateLimiterOptions = {}): ResolvedRateLimiterOptions {
  const problem = findOptionProblem(options);
  if (problem !== undefined) throw new RateLimitOptionError(problem.option, problem.problem);
  const limit = options.limit ?? DEFAULT_LIMIT;
  return {
    limit,
    intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    safetyMarginMs: options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS,
    store: options.store ?? createMemoryStore(),
    maxWaitMs: options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
    storeTimeoutMs: options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS,
    onStoreError: options.onStoreError ?? "throw",
    fallbackLimit: options.fallbackLimit ?? limit,
    onFallback: options.onFallback ?? warnOfFallback,
  };
}
