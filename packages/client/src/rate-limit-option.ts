// The `rateLimit` option as the client takes it, judged when a client is created: its shape, and each
// setting by the limiter's own rules (@ghl-inbound/limiter/rules, small and stateless, bundled with the
// client). The limiter itself is loaded by rate-limit.ts only when the client first sends.
import type { RateLimiter, RateLimiterOptions } from "@ghl-inbound/limiter";
import { findKeyProblem, findOptionProblem } from "@ghl-inbound/limiter/rules";

interface RateLimitKey {
  /**
   * What the budget is counted against. HighLevel counts per app per resource (a location or company), so pass the
   * `locationId`: every client and replica of that location then shares one budget, whatever token
   * it holds. Printed in errors and stored in Redis key names, so never a token.
   * @default a non-reversible hash of the token each attempt sends (`keyForToken(token)`)
   */
  key?: string | undefined;
}

/** The `rateLimit` client option, as settings: the limiter's options plus the key. */
export interface ClientRateLimitOptions extends RateLimiterOptions, RateLimitKey {
  limiter?: undefined;
}

/**
 * `rateLimit` as a ready limiter from `createRateLimiter()` of @ghl-inbound/limiter (e.g. one shared
 * by several clients) and the key. Its settings are the limiter's: none may stand beside it.
 */
export type SharedRateLimit = RateLimitKey & { limiter: RateLimiter } & {
  [Name in keyof RateLimiterOptions]?: undefined;
};

/** `rateLimit`: settings, a ready limiter with a key, or a ready limiter alone (then the key is the token's hash). */
export type RateLimitOption = ClientRateLimitOptions | SharedRateLimit | RateLimiter;

/** `rateLimit` after checks. */
export interface ResolvedRateLimit {
  /** A ready limiter, when one was given; otherwise the client creates one from `settings` when it first sends. */
  readonly limiter: RateLimiter | undefined;
  /** The limiter's options, already judged usable; empty beside a ready limiter. */
  readonly settings: RateLimiterOptions;
  /** Undefined: each attempt counts against `keyForToken()` of the token it sends. */
  readonly key: string | undefined;
}

/**
 * The slot an attempt holds: the key it was counted against, how long it waited for it, and when it
 * was granted (on the limiter's clock: the limiter learns from it how long a slot takes to reach the server).
 */
export interface RateLimitSlot {
  key: string;
  waitedMs: number;
  grantedAt: number;
  /** The store's name for the slot, when it can settle slots (see the limiter's `observe`). */
  slotId?: string;
  /** How many more slots the limiter's store would have granted with this one taken, when it tells. */
  remaining?: number;
  /** When the attempt's request left, on the limiter's clock, when Node's fetch told (see send-time.ts). */
  sentAt?: number;
}

function isRateLimiter(value: unknown): value is RateLimiter {
  const candidate = value as Partial<RateLimiter> | null;
  return typeof candidate?.acquire === "function" && typeof candidate.observe === "function";
}

/**
 * Judges `rateLimit` at client creation: settings or a ready limiter, every setting one the limiter can
 * use, and a key it would accept (never the token: it is printed and stored). Settings beside a ready
 * limiter are a type error (SharedRateLimit). Throws a TypeError that names the setting.
 */
export function normalizeRateLimit(
  value: RateLimitOption | undefined,
  accessToken: unknown,
): ResolvedRateLimit | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object") {
    throw new TypeError(`${PREFIX}rateLimit must be settings ({ key, limit, store, ... }) or a limiter`);
  }
  if (isRateLimiter(value)) return { limiter: value, settings: {}, key: undefined };

  const { key, limiter, ...settings } = value;
  if (key !== undefined && key === accessToken) {
    throw new TypeError(
      `${PREFIX}rateLimit.key must not be the token (keys are printed and stored): pass the locationId`,
    );
  }
  const keyProblem = key === undefined ? undefined : findKeyProblem(key);
  if (keyProblem !== undefined) throw new TypeError(`${PREFIX}rateLimit.key ${keyProblem}`);
  if (limiter === undefined) {
    const problem = findOptionProblem(settings);
    if (problem !== undefined) throw new TypeError(`${PREFIX}rateLimit.${problem.option} ${problem.problem}`);
    return { limiter: undefined, settings, key };
  }
  if (!isRateLimiter(limiter)) {
    throw new TypeError(`${PREFIX}rateLimit.limiter must be a limiter from createRateLimiter()`);
  }
  return { limiter, settings: {}, key };
}

const PREFIX = "createHighLevelClient: ";
