import type { BlockAnchor, DelayReport, RateLimitStore, TakeResult } from "./store.js";

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
   * Put in front of every key this store writes. Keys are `<prefix>{<key>}:log`,
   * `<prefix>{<key>}:block`, `<prefix>{<key>}:delay-high` and `:delay-low`; the braces keep them in one
   * Redis Cluster slot.
   * @default "ghl-inbound:rate-limit:"
   */
  prefix?: string;
}

export const DEFAULT_REDIS_PREFIX = "ghl-inbound:rate-limit:";

/**
 * Sliding log in a sorted set, one atomic script. Redis's own TIME is the clock, so replicas with
 * skewed clocks still agree on the window. KEYS[1] log, KEYS[2] block, KEYS[3] and KEYS[4] the
 * slowest and fastest delays reported (see DelayReport); ARGV limit, windowMs, a member unique to this
 * request (two requests in the same millisecond must both count), then intervalMs (empty: the caller
 * takes no part in sharing delays) and highMs, lowMs (empty: none learned yet; the stored ones still
 * count). A reported delay is kept for one window (the life of the entries it protects) unless a
 * wider one replaces it. Returns { 1, 0 } when a slot was taken,
 * { 0, ms to wait } otherwise.
 */
/**
 * Merges the caller's delays (ARGV[4] intervalMs, [5] highMs, [6] lowMs) into the stored ones (KEYS[3],
 * KEYS[4]) and widens `window` (ARGV[2]) to the widest spread; shared by the take and share scripts.
 * The log (KEYS[1]) then lives at least that long: its requests count for the wider window too.
 */
const MERGE_DELAYS = `
if ARGV[4] ~= '' then
  local high = tonumber(ARGV[5])
  local low = tonumber(ARGV[6])
  local storedHigh = tonumber(redis.call('GET', KEYS[3]) or '')
  local storedLow = tonumber(redis.call('GET', KEYS[4]) or '')
  local isHigher = high ~= nil and (storedHigh == nil or high >= storedHigh)
  local isLower = low ~= nil and (storedLow == nil or low <= storedLow)
  if isHigher then storedHigh = high end
  if isLower then storedLow = low end
  if storedHigh ~= nil and storedLow ~= nil then
    window = math.max(window, tonumber(ARGV[4]) + storedHigh - storedLow)
  end
  if isHigher then redis.call('SET', KEYS[3], high, 'PX', window) end
  if isLower then redis.call('SET', KEYS[4], low, 'PX', window) end
  local logTtl = redis.call('PTTL', KEYS[1])
  if logTtl > 0 and logTtl < window then redis.call('PEXPIRE', KEYS[1], window) end
end
`;

export const TAKE_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
${MERGE_DELAYS}local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return { 0, blocked } end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  if redis.call('PTTL', KEYS[1]) < window then redis.call('PEXPIRE', KEYS[1], window) end
  return { 1, 0 }
end
local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return { 0, math.max(1, tonumber(oldest[2]) + window - now) }
`;

/**
 * Reports delays without taking a slot (the same KEYS and ARGV as the take script; ARGV[1] and [3]
 * unused), so that a process that learned of a wider spread tells the others before its next take.
 */
export const SHARE_SCRIPT = `
local window = tonumber(ARGV[2])
${MERGE_DELAYS}return window
`;

/**
 * KEYS[1] block, KEYS[2] log; ARGV forMs, anchor ("now" or "window": from the oldest entry of the log
 * younger than forMs, the window's first request). A block is only ever extended, so a short
 * Retry-After cannot cut a long one. Returns how long the key is now blocked from now, in ms.
 */
export const BLOCK_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local forMs = tonumber(ARGV[1])
if ARGV[2] == 'window' then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local first = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. (now - forMs), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  if first[2] then forMs = tonumber(first[2]) + forMs - now end
end
if forMs > 0 and redis.call('PTTL', KEYS[1]) < forMs then redis.call('SET', KEYS[1], '1', 'PX', forMs) end
return math.max(0, redis.call('PTTL', KEYS[1]))
`;

/** ARGV[4..6] of the scripts: empty strings for what the caller does not report. */
function delayArgs(delays: DelayReport | undefined): [string, string, string] {
  return [
    delays === undefined ? "" : String(Math.ceil(delays.intervalMs)),
    delays?.highMs === undefined ? "" : String(Math.ceil(delays.highMs)),
    delays?.lowMs === undefined ? "" : String(Math.floor(delays.lowMs)),
  ];
}

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
  const highKey = (key: string) => `${prefix}{${key}}:delay-high`;
  const lowKey = (key: string) => `${prefix}{${key}}:delay-low`;

  return {
    async take(key, limit, windowMs, delays?: DelayReport) {
      const reply = await redis.eval(
        TAKE_SCRIPT,
        4,
        logKey(key),
        blockKey(key),
        highKey(key),
        lowKey(key),
        String(limit),
        String(Math.ceil(windowMs)),
        // Web Crypto's global, not node:crypto: the package stays loadable in a browser bundle.
        crypto.randomUUID(),
        ...delayArgs(delays),
      );
      return takeResultFromReply(reply);
    },
    async share(key, windowMs, delays) {
      await redis.eval(
        SHARE_SCRIPT,
        4,
        logKey(key),
        blockKey(key),
        highKey(key),
        lowKey(key),
        "",
        String(Math.ceil(windowMs)),
        "",
        ...delayArgs(delays),
      );
    },
    async block(key, forMs, anchor: BlockAnchor = "now") {
      const reply = await redis.eval(
        BLOCK_SCRIPT,
        2,
        blockKey(key),
        logKey(key),
        String(Math.max(1, Math.ceil(forMs))),
        anchor,
      );
      const blockedForMs = Number(reply);
      return Number.isFinite(blockedForMs) ? blockedForMs : undefined;
    },
  };
}
