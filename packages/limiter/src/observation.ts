/**
 * What a response said about the budget, for `RateLimiter.observe()`. Every field is optional;
 * missing, negative or non-numeric values are ignored, as a header may be absent or malformed.
 */
export interface RateLimitObservation {
  /** The HTTP status; 429 blocks the key. */
  status?: number;
  /** `X-RateLimit-Max`: the server's limit per interval. A smaller one than configured wins for the key. */
  limit?: number;
  /** `X-RateLimit-Remaining`: 0 blocks the key for one interval (or `retryAfterMs`). */
  remaining?: number;
  /** `X-RateLimit-Interval-Milliseconds`: a longer interval than configured wins for the key. */
  intervalMs?: number;
  /** `Retry-After`, in milliseconds: how long to block the key after a 429 or `remaining` 0. */
  retryAfterMs?: number;
}

/** The part of a fetch `Response` this reads; a plain `{ status, headers: new Headers(...) }` also fits. */
export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
}

function nonNegativeNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/**
 * Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). A date in the past
 * means "now" (0); anything else that does not parse is ignored (undefined).
 */
export function parseRetryAfterMs(value: string | null, nowMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  // Date.parse also accepts "1" or "2024": only a date with letters (an HTTP date names its day) counts.
  if (Number.isNaN(date) || !/[a-z]/i.test(trimmed)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Reads HighLevel's rate-limit headers (`X-RateLimit-Max`, `X-RateLimit-Remaining`,
 * `X-RateLimit-Interval-Milliseconds`) and `Retry-After` from a response, ready for `observe()`.
 */
export function observationFromResponse(
  response: ResponseLike,
  nowMs: number = Date.now(),
): RateLimitObservation {
  const observation: RateLimitObservation = { status: response.status };
  const limit = nonNegativeNumber(response.headers.get("x-ratelimit-max"));
  const remaining = nonNegativeNumber(response.headers.get("x-ratelimit-remaining"));
  const intervalMs = nonNegativeNumber(response.headers.get("x-ratelimit-interval-milliseconds"));
  const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), nowMs);
  if (limit !== undefined) observation.limit = limit;
  if (remaining !== undefined) observation.remaining = remaining;
  if (intervalMs !== undefined) observation.intervalMs = intervalMs;
  if (retryAfterMs !== undefined) observation.retryAfterMs = retryAfterMs;
  return observation;
}
