/** What a store answers when asked for a slot. */
export interface TakeResult {
  /** True when a slot was recorded for this request: it may be sent now. */
  allowed: boolean;
  /** When `allowed` is false: milliseconds until a slot may free up (0 when allowed). */
  retryInMs: number;
}

/**
 * Where the limiter keeps its per-key request log. Every method must be atomic for its key: two
 * callers that `take` at once must never both get the last slot. `createMemoryStore()` is atomic
 * within one process, `createRedisStore()` across every process that shares the Redis server.
 */
export interface RateLimitStore {
  /**
   * Records one request for `key` if fewer than `limit` were recorded in the last `intervalMs`
   * and the key is not blocked; otherwise records nothing and says how long to wait.
   */
  take(key: string, limit: number, intervalMs: number): Promise<TakeResult>;
  /** Refuses every `take` for `key` during the next `forMs`. Extends a block, never shortens one. */
  block(key: string, forMs: number): Promise<void>;
}
