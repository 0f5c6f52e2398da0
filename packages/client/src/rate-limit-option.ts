// The `rateLimit` option, checked when a client is created, without loading the limiter: its rules
// come from @ghl-inbound/limiter/rules (bundled into this package), and the limiter itself is loaded
// by rate-limit.ts when the client first sends.
import type { RateLimiter, RateLimiterOptions } from "@ghl-inbound/limiter";
import { findKeyProblem, findOptionProblem } from "@ghl-inbound/limiter/rules";

/** The `rateLimit` client option, as settings: the limiter's options plus the key. */
export interface ClientRateLimitOptions extends RateLimiterOptions {
  /**
   * What the budget is counted against. HighLevel counts per app per location, so pass the
   * `locationId`: every client and replica of that location then shares one budget, whatever token
   * it holds. Printed in errors and stored in Redis key names, so never a token.
   * @default a non-reversible hash of the token each attempt sends (`keyForToken(token)`)
   */
  key?: string | undefined;
  /**
   * A limiter from `createRateLimiter()` of @ghl-inbound/limiter, e.g. one shared by several clients,
   * instead of the limiter options above (give one or the other).
   */
  limiter?: RateLimiter | undefined;
}

/** `rateLimit`: settings, or a ready limiter (then the key is the token's hash). */
export type RateLimitOption = ClientRateLimitOptions | RateLimiter;

/** `rateLimit` after checks. */
export interface ResolvedRateLimit {
  /** A ready limiter, when one was given; otherwise the client creates one from `settings` when it first sends. */
  readonly limiter: RateLimiter | undefined;
  /** The limiter's options, checked; empty beside a ready limiter. */
  readonly settings: RateLimiterOptions;
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
 * Checks `rateLimit` at client creation by the limiter's own rules: a value out of range throws a
 * RangeError, anything else a TypeError, each naming the setting. Never quotes the token.
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
  if (isRateLimiter(value)) return { limiter: value, settings: {}, key: undefined };

  const { key, limiter, ...settings } = value;
  if (key !== undefined) {
    if (key === accessToken) {
      throw new TypeError(
        "createHighLevelClient: rateLimit.key must not be the access token (it is printed and stored); " +
          "pass the locationId, or leave key out to count against a hash of the token",
      );
    }
    const problem = findKeyProblem(key);
    if (problem !== undefined) throw new TypeError(`createHighLevelClient: rateLimit.key ${problem}`);
  }
  if (limiter === undefined) {
    const problem = findOptionProblem(settings);
    if (problem !== undefined) {
      const ErrorClass = typeof settings[problem.option] === "number" ? RangeError : TypeError;
      throw new ErrorClass(`createHighLevelClient: rateLimit.${problem.option} ${problem.problem}`);
    }
    return { limiter: undefined, settings, key };
  }
  if (!isRateLimiter(limiter)) {
    throw new TypeError(
      "createHighLevelClient: rateLimit.limiter must be a limiter from createRateLimiter()",
    );
  }
  const mixed = LIMITER_OPTION_NAMES.filter((name) => settings[name] !== undefined);
  if (mixed.length > 0) {
    throw new TypeError(
      `createHighLevelClient: rateLimit.limiter is already configured; leave out ${mixed.join(", ")} ` +
        "(or leave out limiter and let the client create one)",
    );
  }
  return { limiter, settings: {}, key };
}
