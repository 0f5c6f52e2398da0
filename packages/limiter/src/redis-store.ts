import type { RateLimitStore, TakeResult } from "./store.js";

/**
 * The one Redis command the store needs, in ioredis's shape: an ioredis `Redis` (v5 or v6) fits as
 * it is. For node-redis, pass an adapter (see the README):
 * `{ eval: (script, numKeys, ...args) => client.eval(script, { keys: args.slice(0, numKeys), arguments: args.slice(numKeys) }) }`.
 * Taking the caller's own client keeps this package free of runtime dependencies and lets the
 * caller own connection, TLS, auth and reconnect policy.
 */
export interface RedisEvalClient {
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /**
   * Put in front of every key this store writes. Keys are `<prefix>{<key>}:log` and
   * `<prefix>{<key>}:block`; the braces keep both in one Redis Cluster slot.
   * @default "ghl-inbound:rate-limit:"
   */
  prefix?: string;
}

export const DEFAULT_REDIS_PREFIX = "ghl-inbound:rate-limit:";

/**
 * Sliding log in a sorted set, one atomic script. Redis's own TIME is the clock, so replicas with
 * skewed clocks still agree on the window. KEYS[1] log, KEYS[2] block; ARGV limit, intervalMs, a
 * member unique to this request (two requests in the same millisecond must both count).
 * Returns { 1, 0 } when a slot was taken, { 0, ms to wait } otherwise.
 */
export const TAKE_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local limit = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return { 0, blocked } end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - interval)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  if redis.call('PTTL', KEYS[1]) < interval then redis.call('PEXPIRE', KEYS[1], interval) end
  return { 1, 0 }
end
local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return { 0, math.max(1, tonumber(oldest[2]) + interval - now) }
`;

/** KEYS[1] block; ARGV forMs. A block is only ever extended, so a short Retry-After cannot cut a long one. */
export const BLOCK_SCRIPT = `
local forMs = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < forMs then redis.call('SET', KEYS[1], '1', 'PX', forMs) end
return 1
`;

function takeResultFromReply(reply: unknown): TakeResult {
  if (Array.isArray(reply) && reply.length === 2) {
    const [allowed, retryInMs] = reply.map(Number);
    if ((allowed === 0 || allowed === 1) && Number.isFinite(retryInMs) && retryInMs! >= 0) {
      return { allowed: allowed === 1, retryInMs: retryInMs! };
    }
  }
  // The limiter wraps this in a RateLimitStoreError; a wrong reply means a wrong server or proxy, not a retry.
  throw new TypeError(
    `The rate-limit script returned ${String(JSON.stringify(reply)).slice(0, 100)} instead of [allowed, retryInMs]`,
  );
}

/**
 * A store shared by every process that uses the same Redis server. Pass your own ioredis client
 * created with `enableOfflineQueue: false` (or a low `maxRetriesPerRequest`/`commandTimeout`), so a
 * dead Redis fails fast instead of queueing commands; the limiter's `storeTimeoutMs` bounds the rest.
 */
export function createRedisStore(redis: RedisEvalClient, options: RedisStoreOptions = {}): RateLimitStore {
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  const logKey = (key: string) => `${prefix}{${key}}:log`;
  const blockKey = (key: string) => `${prefix}{${key}}:block`;

  return {
    async take(key, limit, intervalMs) {
      const reply = await redis.eval(
        TAKE_SCRIPT,
        2,
        logKey(key),
        blockKey(key),
        String(limit),
        String(Math.ceil(intervalMs)),
        // Web Crypto's global, not node:crypto: the package stays loadable in a browser bundle.
        crypto.randomUUID(),
      );
      return takeResultFromReply(reply);
    },
    async block(key, forMs) {
      await redis.eval(BLOCK_SCRIPT, 1, blockKey(key), String(Math.max(1, Math.ceil(forMs))));
    },
  };
}
