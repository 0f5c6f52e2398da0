// The client's side of the shared rate limiter: which key a request counts against, a slot before
// every attempt, what each answer said about the budget afterwards, and limiter failures turned into
// client errors. Counting (in memory or in Redis, across replicas) is @ghl-inbound/limiter's job.
// client.ts loads this file, and with it the limiter, only when `rateLimit` is set.
import {
  createRateLimiter,
  describeStoreFailure,
  isRateLimitStoreError,
  isRateLimitWaitTimeoutError,
  keyForToken,
  observationFromResponse,
  type ResponseLike,
} from "@ghl-inbound/limiter";
import {
  type HighLevelError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  type RequestDescription,
} from "./errors.js";
import type { RateLimitSlot, ResolvedRateLimit } from "./rate-limit-option.js";

/** What the client asks of the limiter around each attempt. */
export interface RateLimitGate {
  /**
   * Waits for a slot for the key of `token`. Rejects with RateLimitWaitError or
   * RateLimitStoreUnavailableError (nothing may be sent), or with the caller's abort reason.
   */
  acquire(token: string, signal: AbortSignal | undefined): Promise<RateLimitSlot>;
  /** Tells the limiter what an attempt's answer said (a 429 blocks the key for every replica). Never rejects. */
  observe(slot: RateLimitSlot, answer: Response | HighLevelError): Promise<void>;
}

export function createRateLimitGate(
  rateLimit: ResolvedRateLimit,
  request: RequestDescription,
): RateLimitGate {
  // Settings were checked when the client was created, by the same rules createRateLimiter applies.
  const limiter = rateLimit.limiter ?? createRateLimiter(rateLimit.settings);
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
      const response = answer instanceof Response ? answer : responseOfError(answer);
      if (response === undefined) return;
      try {
        await limiter.observe(slot.key, observationFromResponse(response));
      } catch {
        // The request has been answered: a limiter that fails to take note must not turn a message
        // that was added into a reported failure (which would invite a resend). The limiter's own
        // observe() never rejects; a hand-made one might.
      }
    },
  };
}

/** The answer a failed attempt got: undefined when no status line arrived. */
function responseOfError(error: HighLevelError): ResponseLike | undefined {
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
        ? `failed with ${describeStoreFailure(error.cause)}`
        : `no answer within storeTimeoutMs ${error.timeoutMs}`;
    return new RateLimitStoreUnavailableError(
      { ...request, key, timeoutMs: error.timeoutMs, reason: `${reason}, key "${key}"` },
      { cause: error },
    );
  }
  return error;
}
