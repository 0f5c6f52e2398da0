import { type HeadersLike, parseRateLimitInfo, parseRetryAfterMs } from "./response-headers.js";

/**
 * What a response said about the budget, for `RateLimiter.observe()`. Every field is optional;
 * a header that is missing or malformed leaves its field out.
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
  headers: HeadersLike;
}

/**
 * Reads HighLevel's rate-limit headers (`X-RateLimit-Max`, `X-RateLimit-Remaining`,
 * `X-RateLimit-Interval-Milliseconds`) and `Retry-After` from a response, ready for `observe()`,
 * by the same rules as @ghl-inbound/client (see response-headers.ts).
 */
export function observationFromResponse(
  response: ResponseLike,
  nowMs: number = Date.now(),
): RateLimitObservation {
  const { max, remaining, intervalMs } = parseRateLimitInfo(response.headers);
  const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), nowMs);
  const observation: RateLimitObservation = { status: response.status };
  if (max !== undefined) observation.limit = max;
  if (remaining !== undefined) observation.remaining = remaining;
  if (intervalMs !== undefined) observation.intervalMs = intervalMs;
  if (retryAfterMs !== undefined) observation.retryAfterMs = retryAfterMs;
  return observation;
}
