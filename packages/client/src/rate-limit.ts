// The client's side of the shared rate limiter: which key a request counts against, a slot before
// every attempt, what each answer said about the budget afterwards, and limiter failures turned into
// client errors. Counting (in memory or in Redis, across replicas) is @ghl-inbound/limiter's job.
import {
  checkKey,
  createRateLimiter,
  isRateLimitStoreError,
  isRateLimitWaitTimeoutError,
  keyForToken,
  observationFromResponse,
  type RateLimiter,
  type RateLimiterOptions,
  type ResponseLike,
} from "@ghl-inbound/limiter";
import {
  type HighLevelError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  type RequestDescription,
} from "./errors.js";

/** The `rateLimit` client option, as settings: the limiter's options plus the key. */
export interface ClientRateLimitOptions extends RateLimiterOptions {
  /**
   * What the budget is counted against. HighLevel counts per app per location, so pass the
   * `locationId`: every client and replica of that location then shares one budget, whatever token
   * it holds. Printed in errors and stored in Redis key names, so never a token.
   * @default a non-reversible hash of the token each attempt sends (`keyForToken(token)`)
   */
  key?: string;
  /**
   * A limiter from `createRateLimiter()`, e.g. one shared by several clients, instead of the limiter
   * options above (give one or the other).
   */
  limiter?: RateLimiter;
}

/** `rateLimit`: settings, or a ready limiter (then the key is the token's hash). */
export type RateLimitOption = ClientRateLimitOptions | RateLimiter;

/** `rateLimit` after checks: the limiter in use and the fixed key, if one was given. */
export interface ResolvedRateLimit {
  readonly limiter: RateLimiter;
  /** Undefined: each attempt counts against `keyForToken()` of the token it sends. */
  readonly key: string | undefined;
}

/** The slot an attempt holds: the key it was counted against, and how long it waited for it. */
export interface RateLimitSlot {
  key: string;
  waitedMs: number;
}

/** Names of every RateLimiterOptions field, to refuse them beside a ready `limiter`. */
const LIMITER_OPTION_NAMES = [
  "limit",
  "intervalMs",
  "safetyMarginMs",
  "store",
  "maxWaitMs",
  "storeTimeoutMs",
  "onStoreError",
  "fallbackLimit",
  "onFallback",
] as const satisfies readonly (keyof RateLimiterOptions)[];

function isRateLimiter(value: unknown): value is RateLimiter {
  const candidate = value as Partial<RateLimiter> | null;
  return typeof candidate?.acquire === "function" && typeof candidate.observe === "function";
}

/**
 * Checks `rateLimit` at client creation: a bad limiter option throws the limiter's
 * RateLimitOptionError (naming the option), anything else a TypeError. Never quotes the token.
 */
export function normalizeRateLimit(
  value: RateLimitOption | undefined,
  accessToken: unknown,
): ResolvedRateLimit | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object") {
    throw new TypeError(
      "createHighLevelClient: rateLimit must be an object ({ limit, intervalMs, key, store, ... }) or a limiter from createRateLimiter()",
    );
  }
  if (isRateLimiter(value)) return { limiter: value, key: undefined };

  const { key, limiter, ...limiterOptions } = value;
  if (key !== undefined) {
    if (typeof key !== "string") throw new TypeError("createHighLevelClient: rateLimit.key must be a string");
    if (key === accessToken) {
      throw new TypeError(
        "createHighLevelClient: rateLimit.key must not be the access token (it is printed and stored); " +
          "pass the locationId, or leave key out to count against a hash of the token",
      );
    }
    // The limiter's own rule (empty, too long, shaped like a token), now rather than at the first send.
    checkKey(key);
  }
  if (limiter === undefined) return { limiter: createRateLimiter(limiterOptions), key };
  if (!isRateLimiter(limiter)) {
    throw new TypeError(
      "createHighLevelClient: rateLimit.limiter must be a limiter from createRateLimiter()",
    );
  }
  const mixed = LIMITER_OPTION_NAMES.filter((name) => limiterOptions[name] !== undefined);
  if (mixed.length > 0) {
    throw new TypeError(
      `createHighLevelClient: rateLimit.limiter is already configured; leave out ${mixed.join(", ")} ` +
        "(or leave out limiter and let the client create one)",
    );
  }
  return { limiter, key };
}

/** What the client asks of the limiter around each attempt. */
export interface RateLimitGate {
  /**
   * Waits for a slot for the key of `token`. Rejects with RateLimitWaitError or
   * RateLimitStoreUnavailableError (nothing may be sent), or with the caller's abort reason.
   */
  acquire(token: string, signal: AbortSignal | undefined): Promise<RateLimitSlot>;
  /** Tells the limiter what an answer said (a 429 blocks the key for every replica). Never rejects. */
  observe(slot: RateLimitSlot, answer: ResponseLike | undefined): Promise<void>;
}

export function createRateLimitGate(
  rateLimit: ResolvedRateLimit,
  request: RequestDescription,
): RateLimitGate {
  const { limiter } = rateLimit;
  // Hashing is cheap but async; the token changes rarely (a refresh a day), so one entry is enough.
  let cached: { token: string; key: Promise<string> } | undefined;

  function keyFor(token: string): string | Promise<string> {
    if (rateLimit.key !== undefined) return rateLimit.key;
    if (cached?.token !== token) cached = { token, key: keyForToken(token) };
    return cached.key;
  }

  return {
    async acquire(token, signal) {
      const key = await keyFor(token);
      try {
        const { waitedMs } = await limiter.acquire(key, { signal });
        return { key, waitedMs };
      } catch (error) {
        throw errorFromLimiterFailure(error, key, request, signal);
      }
    },
    async observe(slot, answer) {
      if (answer === undefined) return;
      try {
        await limiter.observe(slot.key, observationFromResponse(answer));
      } catch {
        // The request has been answered: a limiter that fails to take note must not turn a message
        // that was added into a reported failure (which would invite a resend). The limiter's own
        // observe() never rejects; a hand-made one might.
      }
    },
  };
}

/** The answer a failed attempt got, for `observe`: undefined when no status line arrived. */
export function answerOfError(error: HighLevelError): ResponseLike | undefined {
  if (error.status === undefined) return undefined;
  return { status: error.status, headers: new Headers(error.headers) };
}

/** The limiter's failures as client errors; the caller's abort reason and anything unknown pass as they are. */
function errorFromLimiterFailure(
  error: unknown,
  key: string,
  request: RequestDescription,
  signal: AbortSignal | undefined,
): unknown {
  if (signal?.aborted && error === signal.reason) return error;
  if (isRateLimitWaitTimeoutError(error)) {
    const { waitedMs, retryInMs, maxWaitMs } = error;
    return new RateLimitWaitError({ ...request, key, waitedMs, retryInMs, maxWaitMs }, { cause: error });
  }
  if (isRateLimitStoreError(error)) {
    const reason =
      error.timeoutMs === undefined
        ? `failed with ${describeStoreCause(error.cause)}`
        : `no answer within storeTimeoutMs ${error.timeoutMs}`;
    return new RateLimitStoreUnavailableError(
      { ...request, key, timeoutMs: error.timeoutMs, reason: `${reason}, key "${key}"` },
      { cause: error },
    );
  }
  return error;
}

/** The driver error's name and code (ECONNREFUSED), never its message: it may hold a connection string. */
function describeStoreCause(cause: unknown): string {
  if (!(cause instanceof Error)) return `a thrown ${typeof cause}`;
  const { code } = cause as { code?: unknown };
  return typeof code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)
    ? `${cause.name} ${code}`
    : cause.name;
}
