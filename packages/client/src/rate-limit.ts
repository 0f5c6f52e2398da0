// The client's side of the shared rate limiter: which key a request counts against, a slot before
// every attempt, what each answer said about the budget afterwards, and the limiter's failures as
// client errors. Counting (in memory or in Redis, across replicas) is @ghl-inbound/limiter's job.
// client.ts loads this file, and with it the limiter, only when `rateLimit` is set. It imports no value
// of the client's (client.ts hands it the error classes it throws): a module it shared with the
// client's first chunk would be split out of that chunk, and cost every page a request.
import {
  createRateLimiter,
  keyForToken,
  observationFromResponse,
  type RateLimitStoreError,
  type RateLimitWaitTimeoutError,
  type ResponseLike,
} from "@ghl-inbound/limiter";
import type {
  HighLevelError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  RequestDescription,
} from "./errors.js";
import type { RateLimitSlot, ResolvedRateLimit } from "./rate-limit-option.js";
import { type SendTiming, sendTimer } from "./send-time.js";

/** The client's classes for the limiter's failures, and the request they describe. */
export interface GateErrors {
  request: RequestDescription;
  RateLimitWaitError: typeof RateLimitWaitError;
  RateLimitStoreUnavailableError: typeof RateLimitStoreUnavailableError;
}

/** What the client asks of the limiter around each attempt. */
export interface RateLimitGate {
  /**
   * Waits for a slot for the key of `token`. Rejects with RateLimitWaitError or
   * RateLimitStoreUnavailableError (nothing may be sent), or with the caller's abort reason.
   */
  acquire(token: string, signal: AbortSignal | undefined): Promise<RateLimitSlot>;
  /**
   * Runs an attempt's send, noting in `slot` when its request left (on Node's fetch), so that the
   * limiter can count the slot from then.
   */
  sending<T>(slot: RateLimitSlot, send: () => Promise<T>): Promise<T>;
  /** Tells the limiter what an attempt's answer said (a 429 blocks the key for every replica). Never rejects. */
  observe(slot: RateLimitSlot, answer: Response | HighLevelError): Promise<void>;
}

export function createRateLimitGate(rateLimit: ResolvedRateLimit, errors: GateErrors): RateLimitGate {
  // The settings were judged when the client was created (rate-limit-option.ts).
  const limiter = rateLimit.limiter ?? createRateLimiter(rateLimit.settings);
  // A hand-made limiter may have no clock to tell the send time on: then none is told.
  const limiterNow =
    typeof limiter.options?.clock?.now === "function" ? () => limiter.options.clock.now() : undefined;
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
        const { waitedMs, grantedAt, slotId, remaining } = await limiter.acquire(key, { signal });
        return {
          key,
          waitedMs,
          grantedAt,
          ...(slotId !== undefined && { slotId }),
          ...(remaining !== undefined && { remaining }),
        };
      } catch (error) {
        throw errorFromLimiterFailure(error, errors, signal);
      }
    },
    async sending(slot, send) {
      const timer = limiterNow && sendTimer();
      if (!timer) return send();
      const timing: SendTiming = {};
      const result = await timer.measure(timing, send);
      try {
        // On the limiter's clock: as long ago as it was on performance.now().
        if (timing.sentAt !== undefined) slot.sentAt = limiterNow!() - (performance.now() - timing.sentAt);
      } catch {
        // A hand-made clock that throws: the answer stands, and the slot counts as if untold.
      }
      return result;
    },
    async observe(slot, answer) {
      const response = answer instanceof Response ? answer : responseOfError(answer);
      try {
        // No answer (a timeout, a lost connection): the slot is settled as answered now, and teaches nothing.
        await limiter.observe(
          slot.key,
          response === undefined ? {} : observationFromResponse(response),
          slot,
        );
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

/**
 * The limiter's failures as client errors, told apart by name (the limiter may be another copy of the
 * package): no slot in time, or the store failed; nothing was sent either way. The caller's abort
 * reason and anything unknown pass as they are.
 */
function errorFromLimiterFailure(
  error: unknown,
  { request, RateLimitWaitError, RateLimitStoreUnavailableError }: GateErrors,
  signal: AbortSignal | undefined,
): unknown {
  if ((signal?.aborted && error === signal.reason) || !(error instanceof Error)) return error;
  if (error.name === "RateLimitWaitTimeoutError") {
    const { key, waitedMs, retryInMs, maxWaitMs } = error as RateLimitWaitTimeoutError;
    return new RateLimitWaitError({ ...request, key, waitedMs, retryInMs, maxWaitMs }, { cause: error });
  }
  if (error.name === "RateLimitStoreError") {
    // The limiter's message names the key, the operation and the driver error's kind, never its text.
    const { key, timeoutMs, message } = error as RateLimitStoreError;
    return new RateLimitStoreUnavailableError(
      { ...request, key, timeoutMs, reason: message },
      { cause: error },
    );
  }
  return error;
}
