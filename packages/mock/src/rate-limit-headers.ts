import { HIGHLEVEL_BURST_INTERVAL_MS } from "@ghl-inbound/limiter/rules";

/**
 * A generated answer (`Prefer: dynamic=true`) draws each header from its schema on its own: 37,096,825
 * requests remaining out of 23,787,112, and `Retry-After: eiusmod aute`. A frontend that shows "N
 * left" or waits for Retry-After must see numbers that can occur, so the pairs are made consistent
 * here: a remaining count never above its limit, and Retry-After a whole number of seconds. The
 * spec's examples already are, and pass through unchanged.
 */
const LIMIT_PAIRS = [
  ["x-ratelimit-max", "x-ratelimit-remaining"],
  ["x-ratelimit-limit-daily", "x-ratelimit-daily-remaining"],
] as const;

const WHOLE_NUMBER = /^\d+$/;

export function withConsistentRateLimitHeaders(headers: Record<string, string>): Record<string, string> {
  const result = { ...headers };
  const nameOf = (lowerCase: string) => Object.keys(result).find((name) => name.toLowerCase() === lowerCase);

  for (const [limitHeader, remainingHeader] of LIMIT_PAIRS) {
    const limitName = nameOf(limitHeader);
    const remainingName = nameOf(remainingHeader);
    if (limitName === undefined || remainingName === undefined) continue;
    const limit = Number(result[limitName]);
    const remaining = Number(result[remainingName]);
    if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(remaining) || remaining <= limit) continue;
    // Folded into 0..limit rather than clamped to it, so that a seed still gives varied values.
    result[remainingName] = String(remaining % (limit + 1));
  }

  const retryAfterName = nameOf("retry-after");
  if (retryAfterName !== undefined && !WHOLE_NUMBER.test(result[retryAfterName]!.trim())) {
    // An answer without its own interval waits HighLevel's burst interval.
    const intervalName = nameOf("x-ratelimit-interval-milliseconds");
    const intervalMs = intervalName === undefined ? Number.NaN : Number(result[intervalName]);
    const seconds = Math.ceil(
      (Number.isFinite(intervalMs) && intervalMs > 0 ? intervalMs : HIGHLEVEL_BURST_INTERVAL_MS) / 1000,
    );
    result[retryAfterName] = String(seconds);
  }
  return result;
}
