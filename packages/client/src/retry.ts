// The retry policy as pure functions: no fetch, no timers. The client asks `decideRetry()` after
// each failed attempt and sleeps for the delay it returns. Errors are recognised by `name` (not
// `instanceof`) so that this file needs only their types, and two copies of the package agree.
import { isDailyLimitSpent } from "@ghl-inbound/limiter/rules";
import type { HighLevelError, RateLimitError } from "./errors.js";

/** Which failures after the request may have reached HighLevel are sent again anyway. */
export interface UnsafeRetryPolicy {
  /** Resend after a 5xx. @default false */
  serverError: boolean;
  /** Resend after a timeout. @default false */
  timeout: boolean;
  /** Resend after the connection broke once the request was out (ECONNRESET, socket closed). @default false */
  connectionLost: boolean;
}

export interface RetryPolicy {
  maxRetries: number;
  maxRetryAfterMs: number;
  retryUnsafe: UnsafeRetryPolicy;
}

export type RetryDecision = { shouldRetry: true; delayMs: number } | { shouldRetry: false };

/** Why it stops is the comment at each return: nothing reads a reason at run time, so none is shipped. */
const STOP: RetryDecision = { shouldRetry: false };

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** Up to this share of a backoff is removed at random, so that clients refused together do not return together. */
const JITTER_SHARE = 0.25;

/**
 * Whether to send again after `error`, and after how long. `retriesDone` counts the resends so far
 * (not the first attempt). Only failures that cannot have added the message are retried by
 * default: the endpoint has no idempotency key.
 */
export function decideRetry(
  error: HighLevelError,
  retriesDone: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (retriesDone >= policy.maxRetries) return STOP;
  const backoff = (): RetryDecision => ({ shouldRetry: true, delayMs: backoffDelayMs(retriesDone, random) });
  switch (error.name) {
    case "RateLimitError": {
      // 429: nothing was added. Retry-After is authoritative when present; past the cap the wait
      // belongs to the caller's queue, not inside one call that would look like a hang.
      const { retryAfterMs, rateLimit } = error as RateLimitError;
      if (isDailyLimitSpent(rateLimit)) return STOP;
      if (retryAfterMs !== undefined) {
        return retryAfterMs <= policy.maxRetryAfterMs ? { shouldRetry: true, delayMs: retryAfterMs } : STOP;
      }
      return backoff();
    }
    case "ConnectionError":
      // Refused or unresolved: the request never left, so sending it is as safe as the first time.
      if (!error.mayHaveBeenAdded) return backoff();
      // Broke after sending: the message may have been added. A body cut short after the status line
      // (status set) is never resent.
      return error.status === undefined && policy.retryUnsafe.connectionLost ? backoff() : STOP;
    case "ServerError":
      // A 5xx may have added the message.
      return policy.retryUnsafe.serverError ? backoff() : STOP;
    case "RequestTimeoutError":
      // A timed-out request may have added the message.
      return policy.retryUnsafe.timeout ? backoff() : STOP;
    default:
      // 400, 401 (refreshed separately), 403, 404, 422, an unexpected 2xx, a validation error: sending
      // the same body again cannot change the answer, or could duplicate the message.
      return STOP;
  }
}

/** 0.5 s doubling up to 8 s, less up to 25 % at random. `retryIndex` is 0 for the first resend. */
export function backoffDelayMs(retryIndex: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_BACKOFF_MS * 2 ** retryIndex, MAX_BACKOFF_MS);
  return Math.round(base * (1 - JITTER_SHARE * random()));
}
