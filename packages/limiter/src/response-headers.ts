// HighLevel's answer headers, read by one rule for the limiter (observe) and for @ghl-inbound/client
// (its retry delay, `result.rateLimit`, RateLimitError): a 429 is then waited out the same with a
// limiter as without one. A value that breaks the rule is undefined, never a guess: a guessed
// number would be worse than none.

/** The part of `Headers` read here; a fetch `Headers` fits. */
export interface HeadersLike {
  get(name: string): string | null;
}

/**
 * HighLevel's rate-limit headers, as numbers (HighLevel docs/oauth/Authorization.md: a burst of 100
 * requests per 10 s and 200,000 per day, per app per resource (a location or company)). A header that is missing or not a
 * whole number >= 0 is undefined.
 */
export interface RateLimitInfo {
  /** `X-RateLimit-Remaining`: requests left in the current burst interval. */
  remaining: number | undefined;
  /** `X-RateLimit-Max`: requests allowed per burst interval. */
  max: number | undefined;
  /** `X-RateLimit-Interval-Milliseconds`: length of the burst interval. */
  intervalMs: number | undefined;
  /** `X-RateLimit-Limit-Daily`: requests allowed per day. */
  dailyLimit: number | undefined;
  /** `X-RateLimit-Daily-Remaining`: requests left today. */
  dailyRemaining: number | undefined;
  /**
   * `X-RateLimit-Daily-Reset`: milliseconds until the day's budget starts again, as HighLevel's SDK
   * 3.1 reads it. Not every answer carries it: with `dailyRemaining` 0 it says how long a stop lasts.
   */
  dailyResetMs: number | undefined;
}

/**
 * The day's budget is spent (`X-RateLimit-Daily-Remaining: 0`): every request before the reset is
 * refused too, whatever Retry-After says, so neither a retry nor the next line can succeed.
 */
export function isDailyLimitSpent(rateLimit: RateLimitInfo | undefined): boolean {
  return rateLimit?.dailyRemaining === 0;
}

export function parseRateLimitInfo(headers: HeadersLike): RateLimitInfo {
  return {
    remaining: parseCount(headers.get("x-ratelimit-remaining")),
    max: parseCount(headers.get("x-ratelimit-max")),
    intervalMs: parseCount(headers.get("x-ratelimit-interval-milliseconds")),
    dailyLimit: parseCount(headers.get("x-ratelimit-limit-daily")),
    dailyRemaining: parseCount(headers.get("x-ratelimit-daily-remaining")),
    dailyResetMs: parseCount(headers.get("x-ratelimit-daily-reset")),
  };
}

function parseCount(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const count = Number(trimmed);
  return Number.isSafeInteger(count) ? count : undefined;
}

/**
 * `Retry-After` in milliseconds: delay-seconds ("120"; a decimal such as "1.5" is read too, rounded
 * up to the millisecond, though RFC 9110 §10.2.3 allows only digits) or an HTTP-date, relative to
 * `nowMs`. A date in the past means now (0). Missing, negative or unreadable values are undefined:
 * the caller falls back to its own policy rather than trusting a number it had to guess.
 */
export function parseRetryAfterMs(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // Only what looks like an HTTP-date (it names a weekday or a month): Date.parse alone reads "-1"
  // or "2" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
