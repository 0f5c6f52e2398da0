export type {
  RateLimitStoreErrorDetails,
  RateLimitWaitTimeoutErrorDetails,
  StoreOperation,
} from "./errors.js";
export {
  isRateLimitStoreError,
  isRateLimitWaitTimeoutError,
  RateLimiterError,
  RateLimitOptionError,
  RateLimitStoreError,
  RateLimitWaitTimeoutError,
} from "./errors.js";
export {
  HIGHLEVEL_BURST_INTERVAL_MS,
  HIGHLEVEL_BURST_LIMIT,
  HIGHLEVEL_DAILY_LIMIT,
} from "./highlevel-limits.js";
export { checkKey, keyForToken, TOKEN_KEY_PREFIX } from "./key.js";
export type {
  AcquireOptions,
  AcquireResult,
  KeyBudget,
  ObservedSlot,
  ObserveResult,
  RateLimiter,
} from "./limiter.js";
export { createRateLimiter } from "./limiter.js";
export type { MemoryStore, MemoryStoreOptions } from "./memory-store.js";
export { createMemoryStore } from "./memory-store.js";
export type { RateLimitObservation, ResponseLike } from "./observation.js";
export { observationFromResponse } from "./observation.js";
export type {
  RateLimiterClock,
  RateLimiterOptions,
  ResolvedRateLimiterOptions,
  StoreErrorPolicy,
} from "./options.js";
export {
  DEFAULT_INTERVAL_MS,
  DEFAULT_LIMIT,
  DEFAULT_MAX_WAIT_MS,
  DEFAULT_MIN_SAFETY_MARGIN_MS,
  DEFAULT_SAFETY_MARGIN_MS,
  DEFAULT_STORE_TIMEOUT_MS,
} from "./options.js";
export type { RedisEvalClient, RedisStoreOptions } from "./redis-store.js";
export { createRedisStore, DEFAULT_REDIS_PREFIX } from "./redis-store.js";
export {
  type HeadersLike,
  isDailyLimitSpent,
  parseRateLimitInfo,
  parseRetryAfterMs,
  type RateLimitInfo,
} from "./response-headers.js";
export type { BlockAnchor, DelayReport, RateLimitStore, SlotSettlement, TakeResult } from "./store.js";
export { describeStoreFailure } from "./store-failure.js";
