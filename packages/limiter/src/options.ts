import { RateLimitOptionError, type RateLimitStoreError } from "./errors.js";
import { createMemoryStore } from "./memory-store.js";
import type { RateLimitStore } from "./store.js";

/** What `acquire` does when the store fails or does not answer within `storeTimeoutMs`. */
export type StoreErrorPolicy = "throw" | "memory";

export interface RateLimiterOptions {
  /**
   * Requests allowed per key in any `intervalMs`. HighLevel allows 100 per 10 s per app per location.
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

function positiveInteger(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RateLimitOptionError(option, `must be a whole number of at least 1, got ${String(value)}`);
  }
  return value;
}

function nonNegativeMs(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RateLimitOptionError(
      option,
      `must be a finite number of milliseconds >= 0, got ${String(value)}`,
    );
  }
  return value;
}

function isRateLimitStore(value: unknown): value is RateLimitStore {
  const candidate = value as Partial<RateLimitStore> | null;
  return typeof candidate?.take === "function" && typeof candidate.block === "function";
}

/** Checks every option once, so `acquire` never meets a value it cannot use. */
export function normalizeOptions(options: RateLimiterOptions = {}): ResolvedRateLimiterOptions {
  const limit = positiveInteger("limit", options.limit, DEFAULT_LIMIT);
  const intervalMs = positiveInteger("intervalMs", options.intervalMs, DEFAULT_INTERVAL_MS);
  if (options.store !== undefined && !isRateLimitStore(options.store)) {
    throw new RateLimitOptionError("store", "must have take() and block(), as createRedisStore() returns");
  }
  const onStoreError = options.onStoreError ?? "throw";
  if (onStoreError !== "throw" && onStoreError !== "memory") {
    throw new RateLimitOptionError(
      "onStoreError",
      `must be "throw" or "memory", got ${String(onStoreError)}`,
    );
  }
  if (options.onFallback !== undefined && typeof options.onFallback !== "function") {
    throw new RateLimitOptionError("onFallback", "must be a function");
  }
  return {
    limit,
    intervalMs,
    safetyMarginMs: nonNegativeMs("safetyMarginMs", options.safetyMarginMs, DEFAULT_SAFETY_MARGIN_MS),
    store: options.store ?? createMemoryStore(),
    maxWaitMs: nonNegativeMs("maxWaitMs", options.maxWaitMs, DEFAULT_MAX_WAIT_MS),
    storeTimeoutMs: positiveInteger("storeTimeoutMs", options.storeTimeoutMs, DEFAULT_STORE_TIMEOUT_MS),
    onStoreError,
    fallbackLimit: positiveInteger("fallbackLimit", options.fallbackLimit, limit),
    onFallback: options.onFallback ?? warnOfFallback,
  };
}
