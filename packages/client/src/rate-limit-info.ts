/**
 * HighLevel's rate-limit headers, as numbers (HighLevel docs/oauth/Authorization.md: a burst of 100
 * requests per 10 s and 200,000 per day, per app per location). A header that is missing or not a
 * non-negative integer is undefined: a guessed number would be worse than none.
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
}

export function parseRateLimitInfo(headers: Headers): RateLimitInfo {
  return {
    remaining: parseCount(headers.get("x-ratelimit-remaining")),
    max: parseCount(headers.get("x-ratelimit-max")),
    intervalMs: parseCount(headers.get("x-ratelimit-interval-milliseconds")),
    dailyLimit: parseCount(headers.get("x-ratelimit-limit-daily")),
    dailyRemaining: parseCount(headers.get("x-ratelimit-daily-remaining")),
  };
}

function parseCount(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const count = Number(trimmed);
  return Number.isSafeInteger(count) ? count : undefined;
}
