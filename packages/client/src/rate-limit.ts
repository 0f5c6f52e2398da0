// The client's side of the shared rate limiter: which key a request counts against, a slot before
// every attempt, and what each answer said about the budget afterwards. Counting (in memory or in
// Redis, across replicas) is @ghl-inbound/limiter's job; what its failures become, classify.ts's.
// client.ts loads this file, and with it the limiter, only when `rateLimit` is set: it imports no
// value of the client's, so that nothing it needs has to be split out of the client's first chunk.
import {
  createRateLimiter,
  keyForToken,
  observationFromResponse,
  type ResponseLike,
} from "@ghl-inbound/limiter";
import type { HighLevelError } from "./errors.js";
import type { RateLimitSlot, ResolvedRateLimit } from "./rate-limit-option.js";

/** What the client asks of the limiter around each attempt. */
export interface RateLimitGate {
  /**
   * Waits for a slot for the key of `token`. Rejects as the limiter does (RateLimitWaitTimeoutError,
   * RateLimitStoreError, the caller's abort reason): then nothing may be sent.
   */
  acquire(token: string, signal: AbortSignal | undefined): Promise<RateLimitSlot>;
  /** Tells the limiter what an attempt's answer said (a 429 blocks the key for every replica). Never rejects. */
  observe(slot: RateLimitSlot, answer: Response | HighLevelError): Promise<void>;
}

export function createRateLimitGate(rateLimit: ResolvedRateLimit): RateLimitGate {
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
      const { waitedMs } = await limiter.acquire(key, { signal });
      return { key, waitedMs };
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
