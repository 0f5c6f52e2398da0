import type { BlockAnchor, DelayReport, RateLimitStore, SlotSettlement, TakeResult } from "./store.js";

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
   * `<prefix>{<key>}:block`, `:delay-high`, `:delay-low`, `:answered`, `:wire-high` and `:wire-low`;
   * the braces keep them in one Redis Cluster slot.
   * @default "ghl-inbound:rate-limit:"
   */
  prefix?: string;
}

export const DEFAULT_REDIS_PREFIX = "ghl-inbound:rate-limit:";

/** How many KEYS every script takes (see below). */
const KEY_COUNT = 7;

/*
 * Sliding log in two sorted sets, one atomic script per operation. Redis's own TIME is the clock, so
 * replicas with skewed clocks still agree on the window. Every script takes the same KEYS and ARGV:
 * KEYS[1] the log (slots whose request is not over, scored when taken), KEYS[2] the block, KEYS[3] and
 * KEYS[4] the slowest and fastest delays reported (see DelayReport), KEYS[5] the settled slots (scored
 * one interval after their answer, the latest each counts until; the member carries the rest, see
 * SETTLED_ENDS), KEYS[6] and KEYS[7] the slowest and fastest times from a request leaving to its answer.
 * ARGV[1] limit, [2] windowMs, [3] the slot's member (unique to the request: two requests in the same
 * millisecond must both count), [4] intervalMs (empty: the caller takes no part in sharing delays), [5]
 * highMs and [6] lowMs (empty: none learned yet; the stored ones still count), [7] countsForMs, [8]
 * forMs and [9] anchor of a block, [10] sentAfterMs, [11] wireHighMs, [12] wireLowMs and [13] the settled
 * slot's own leaving-to-answer time (empty: not told).
 * The caller's lows ([6], [12]) also say how soon its own request may arrive (see SETTLED_ENDS).
 */

/**
 * Merges a report (a slowest and a fastest delay, either nil) into the two keys that hold the widest
 * reported: returns the widest now (nil while either end is unknown) and keep(forMs), which stores each
 * end of the report that widened it, for forMs.
 */
const MERGE_REPORT = `
local function mergeReport(highKey, lowKey, high, low)
  local storedHigh = tonumber(redis.call('GET', highKey) or '')
  local storedLow = tonumber(redis.call('GET', lowKey) or '')
  local isHigher = high ~= nil and (storedHigh == nil or high >= storedHigh)
  local isLower = low ~= nil and (storedLow == nil or low <= storedLow)
  if isHigher then storedHigh = high end
  if isLower then storedLow = low end
  local function keep(forMs)
    if isHigher then redis.call('SET', highKey, high, 'PX', forMs) end
    if isLower then redis.call('SET', lowKey, low, 'PX', forMs) end
  end
  return storedHigh, storedLow, keep
end
`;

/**
 * Merges the caller's delays (and leaving-to-answer times) into the stored ones, with MERGE_REPORT, and
 * widens `window` (ARGV[2]) to the widest spread.
 * A reported delay is kept for one window (the life of the entries it protects) unless a wider one
 * replaces it; the log then lives at least that long.
 */
const MERGE_DELAYS = `
local window = tonumber(ARGV[2])
if ARGV[4] ~= '' then
  local high, low, keep = mergeReport(KEYS[3], KEYS[4], tonumber(ARGV[5]), tonumber(ARGV[6]))
  local _, _, keepWire = mergeReport(KEYS[6], KEYS[7], tonumber(ARGV[11]), tonumber(ARGV[12]))
  if high ~= nil and low ~= nil then window = math.max(window, tonumber(ARGV[4]) + high - low) end
  keep(window)
  keepWire(window)
  local logTtl = redis.call('PTTL', KEYS[1])
  if logTtl > 0 and logTtl < window then redis.call('PEXPIRE', KEYS[1], window) end
end
`;

/** Redis's clock, in ms: the one clock every replica counts on. */
const NOW = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/**
 * The nth (from 1) soonest time at which a slot that counts now may stop counting: a settled one at its
 * score; one still out \`window\` after it was taken, or, given \`interval\`, as soon as it
 * could once settled (one interval after it was taken, if that is still to come). Nil when fewer count.
 */
/**
 * The settled slots that count now for the caller, and when each stops counting. A member is
 * "id|takenAt|interval|high|sentAfter|wireHigh" (empty fields: not known), scored one interval after
 * its answer: it counts until then at the latest, and until takenAt + interval + high less the caller's
 * fastest delay (ARGV[6], 0 without: its request may arrive at once; or the key's, KEYS[4], if lower: a
 * process's own may come from a few answers, or cold ones) if sooner, and the same from when it left with
 * the leaving-to-answer times (ARGV[12] and KEYS[7]). Worked out for each caller: a process that reaches
 * the server sooner than the one that settled the slot counts it for longer.
 */
const SETTLED_ENDS = `
local function settledEnds()
  local low = math.min(tonumber(ARGV[6]) or 0, tonumber(redis.call('GET', KEYS[4]) or '') or math.huge)
  local wireLow = math.min(tonumber(ARGV[12]) or 0, tonumber(redis.call('GET', KEYS[7]) or '') or math.huge)
  local found = redis.call('ZRANGEBYSCORE', KEYS[5], '(' .. now, '+inf', 'WITHSCORES')
  local ends = {}
  for i = 1, #found, 2 do
    local ends_i = tonumber(found[i + 1])
    local takenAt, interval, high, sentAfter, wireHigh =
      string.match(found[i], '|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
    takenAt = tonumber(takenAt)
    interval = tonumber(interval)
    if takenAt ~= nil and interval ~= nil then
      high = tonumber(high)
      if high ~= nil then ends_i = math.min(ends_i, takenAt + interval + high - low) end
      sentAfter = tonumber(sentAfter)
      wireHigh = tonumber(wireHigh)
      if sentAfter ~= nil and wireHigh ~= nil then
        ends_i = math.min(ends_i, takenAt + sentAfter + interval + wireHigh - wireLow)
      end
    end
    if ends_i > now then ends[#ends + 1] = ends_i end
  end
  return ends
end
`;

const NTH_END = `
local function nthEnd(nth, interval, settled)
  local ends = {}
  local function add(key, from, to, shift)
    local found = redis.call('ZRANGEBYSCORE', key, from, to, 'WITHSCORES', 'LIMIT', 0, nth)
    for i = 2, #found, 2 do ends[#ends + 1] = tonumber(found[i]) + shift end
  end
  if interval == nil then
    add(KEYS[1], '(' .. (now - window), '+inf', window)
  else
    add(KEYS[1], '(' .. (now - window), now - interval, window)
    add(KEYS[1], '(' .. (now - interval), '+inf', interval)
  end
  for _, ends_i in ipairs(settled) do ends[#ends + 1] = ends_i end
  table.sort(ends)
  return ends[nth]
end
`;

/** Returns { 1, 0, slots left } when a slot was taken, { 0, ms to wait } otherwise. */
const takeScript = (): string => `
if redis.replicate_commands then redis.replicate_commands() end
local limit = tonumber(ARGV[1])
${MERGE_REPORT}${MERGE_DELAYS}${NOW}${SETTLED_ENDS}${NTH_END}local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return { 0, blocked } end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now)
local settled = settledEnds()
local count = redis.call('ZCARD', KEYS[1]) + #settled
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  if redis.call('PTTL', KEYS[1]) < window then redis.call('PEXPIRE', KEYS[1], window) end
  return { 1, 0, limit - count - 1 }
end
return { 0, math.max(1, math.ceil(nthEnd(count - limit + 1, tonumber(ARGV[4]), settled) - now)) }
`;

/**
 * Settles slot ARGV[3]: out of the log, into the settled set, scored ARGV[7] after it was taken (one
 * interval after its answer) or the latest SETTLED_ENDS gives it, if sooner; one interval from now when
 * the log no longer holds it. Its member keeps
 * what SETTLED_ENDS needs: the slowest delay on the key (or the caller's window, ARGV[2], read as
 * assuming the key's fastest, if wider; nothing when that window is no shorter than ARGV[7], as for a
 * cold slot), and, told when its request left, ARGV[10] and the slowest leaving-to-answer time on the
 * key or its own (ARGV[13]), whichever is slower. Records the delays as share does.
 */
const settleScript = (): string => `
if redis.replicate_commands then redis.replicate_commands() end
${MERGE_REPORT}${MERGE_DELAYS}${NOW}local takenAt = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[3]) or '')
local interval = tonumber(ARGV[4])
local ends = now + (interval or window)
local member = ARGV[3] .. '|||||'
if takenAt ~= nil and interval ~= nil then
  redis.call('ZREM', KEYS[1], ARGV[3])
  local countsFor = tonumber(ARGV[7])
  local callerWindow = tonumber(ARGV[2])
  ends = takenAt + countsFor
  local high = ''
  if callerWindow < countsFor then
    high = callerWindow - interval + (tonumber(redis.call('GET', KEYS[4]) or '') or 0)
    local keyHigh = tonumber(redis.call('GET', KEYS[3]) or '')
    if keyHigh ~= nil and keyHigh > high then high = keyHigh end
  end
  local sentAfter = ''
  local wireHigh = ''
  if tonumber(ARGV[10]) ~= nil and tonumber(ARGV[13]) ~= nil then
    sentAfter = ARGV[10]
    -- Its own, or the key's slowest if slower (MERGE_DELAYS merged this report into it).
    wireHigh = math.max(tonumber(ARGV[13]), tonumber(redis.call('GET', KEYS[6]) or '') or 0)
  end
  member = ARGV[3] .. '|' .. takenAt .. '|' .. interval .. '|' .. high .. '|' .. sentAfter .. '|' .. wireHigh
  -- Scored the latest any caller counts it until: one whose requests may arrive at once.
  if high ~= '' then ends = math.min(ends, takenAt + interval + high) end
  if sentAfter ~= '' then ends = math.min(ends, takenAt + tonumber(sentAfter) + interval + wireHigh) end
elseif takenAt ~= nil then
  redis.call('ZREM', KEYS[1], ARGV[3])
  ends = takenAt + math.min(window, tonumber(ARGV[7]))
end
-- A slot whose end has passed counts no more (and a key written with no TTL would never expire).
if ends <= now then return 0 end
redis.call('ZADD', KEYS[5], ends, member)
if redis.call('PTTL', KEYS[5]) < ends - now then redis.call('PEXPIRE', KEYS[5], math.ceil(ends - now)) end
return 1
`;

/** Records the caller's delays without taking a slot, so that the others count with them at once. */
const shareScript = (): string => `
${MERGE_REPORT}${MERGE_DELAYS}return window
`;

/**
 * ARGV[8] forMs, ARGV[9] anchor ("now" or "window": until the first slot that counts stops counting,
 * ARGV[8] being the window of a slot still out). A block is only ever extended, so a short Retry-After
 * cannot cut a long one. Returns how long the key is now blocked from now, in ms.
 */
const blockScript = (): string => `
if redis.replicate_commands then redis.replicate_commands() end
${MERGE_REPORT}${MERGE_DELAYS}${NOW}${SETTLED_ENDS}${NTH_END}local forMs = tonumber(ARGV[8])
if ARGV[9] == 'window' then
  window = forMs
  local first = nthEnd(1, nil, settledEnds())
  if first ~= nil then forMs = first - now end
end
if forMs > 0 and redis.call('PTTL', KEYS[2]) < forMs then redis.call('SET', KEYS[2], '1', 'PX', math.ceil(forMs)) end
return math.max(0, redis.call('PTTL', KEYS[2]))
`;

/** What one call passes as ARGV (see above); what it leaves out is an empty string. */
interface ScriptArgs {
  limit?: number;
  windowMs?: number;
  member?: string;
  /** Shared and merged (ARGV[4..6], [11], [12]). */
  delays?: DelayReport;
  /** Only the caller's lows, for the settled slots' ends: nothing is merged (ARGV[4] stays empty). */
  lowsOf?: DelayReport;
  countsForMs?: number;
  forMs?: number;
  anchor?: BlockAnchor;
  sentAfterMs?: number;
  wireMs?: number;
}

/** Whole milliseconds, rounded the careful way: a slow end up, a fast one down; not a number: not told. */
const up = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms) ? "" : String(Math.ceil(ms));
const down = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms) ? "" : String(Math.floor(ms));

function argvOf(args: ScriptArgs): string[] {
  const { delays, lowsOf } = args;
  const reported = delays ?? lowsOf;
  return [
    args.limit === undefined ? "" : String(args.limit),
    up(args.windowMs),
    args.member ?? "",
    up(delays?.intervalMs),
    up(delays?.highMs),
    down(reported?.lowMs),
    up(args.countsForMs),
    up(args.forMs),
    args.anchor ?? "",
    up(args.sentAfterMs),
    up(delays?.wireHighMs),
    down(reported?.wireLowMs),
    up(args.wireMs),
  ];
}

function takeResultFromReply(reply: unknown): TakeResult {
  if (Array.isArray(reply) && (reply.length === 2 || reply.length === 3)) {
    const [allowed, retryInMs, remaining] = reply.map(Number);
    if ((allowed === 0 || allowed === 1) && Number.isFinite(retryInMs) && retryInMs! >= 0) {
      const result = { allowed: allowed === 1, retryInMs: retryInMs! };
      return Number.isInteger(remaining) ? { ...result, remaining: remaining! } : result;
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
  /** KEYS of every script (see above); the braces keep them in one Redis Cluster slot. */
  const keysOf = (key: string) =>
    [":log", ":block", ":delay-high", ":delay-low", ":answered", ":wire-high", ":wire-low"].map(
      (name) => `${prefix}{${key}}${name}`,
    );

  // Built here rather than at load: a bundle that never creates a Redis store leaves them out.
  const scripts = { take: takeScript(), settle: settleScript(), share: shareScript(), block: blockScript() };

  return {
    async take(key, limit, windowMs, delays?: DelayReport) {
      // Web Crypto's global, not node:crypto: the package stays loadable in a browser bundle.
      const slotId = crypto.randomUUID();
      const reply = await redis.eval(
        scripts.take,
        KEY_COUNT,
        ...keysOf(key),
        ...argvOf({ limit, windowMs, member: slotId, delays }),
      );
      const result = takeResultFromReply(reply);
      return result.allowed ? { ...result, slotId } : result;
    },
    async settle(key, slotId, settlement: SlotSettlement) {
      const { windowMs, countsForMs, sentAfterMs, wireMs } = settlement;
      // Only told when it left and its own leaving-to-answer time.
      const isSendTold = sentAfterMs !== undefined && wireMs !== undefined;
      await redis.eval(
        scripts.settle,
        KEY_COUNT,
        ...keysOf(key),
        ...argvOf({
          windowMs,
          member: slotId,
          delays: settlement,
          countsForMs,
          sentAfterMs: isSendTold ? sentAfterMs : undefined,
          wireMs: isSendTold ? wireMs : undefined,
        }),
      );
    },
    async share(key, windowMs, delays) {
      await redis.eval(scripts.share, KEY_COUNT, ...keysOf(key), ...argvOf({ windowMs, delays }));
    },
    async block(key, forMs, anchor: BlockAnchor = "now", delays?: DelayReport) {
      const blockMs = Math.max(1, forMs);
      const reply = await redis.eval(
        scripts.block,
        KEY_COUNT,
        ...keysOf(key),
        ...argvOf({ windowMs: blockMs, lowsOf: delays, forMs: blockMs, anchor }),
      );
      const blockedForMs = Number(reply);
      return Number.isFinite(blockedForMs) ? blockedForMs : undefined;
    },
  };
}
