import { parseRateLimitInfo, type RateLimitInfo } from "@ghl-inbound/limiter/rules";
import type { HighLevelError } from "./errors.js";
import type { RateLimitSlot } from "./rate-limit-option.js";
import { headersToRecord, redactRequestHeaders } from "./redact.js";

/** Passed to `onRequest` just before each attempt is sent. The token is never in it. */
export interface RequestEvent {
  method: string;
  url: string;
  /** 1 for the first send, 2 for the first resend... */
  attempt: number;
  /** Request headers, lower-case names, `authorization` replaced by "[REDACTED]". */
  headers: Record<string, string>;
  /**
   * With `rateLimit`: the key this attempt was counted against (the locationId given, or a hash of the
   * token) and how long it waited for its slot.
   */
  limiter?: { key: string; waitedMs: number };
}

/** Passed to `onResponse` for every answer, success or not, before its body is read. */
export interface ResponseEvent {
  method: string;
  url: string;
  attempt: number;
  status: number;
  /** Response headers, lower-case names (any echo of the token replaced by "[REDACTED]"). */
  headers: Record<string, string>;
  rateLimit: RateLimitInfo;
}

/** Passed to a call's `beforeSend`, awaited right before each attempt leaves (after its rate-limit slot). */
export interface AttemptEvent {
  method: string;
  url: string;
  /** 1 for the first send, 2 for the first resend... */
  attempt: number;
}

/** Passed to `onRetry` when a failed attempt is about to be sent again. */
export interface RetryEvent {
  method: string;
  url: string;
  /** The attempt that failed. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Why: the error the failed attempt would have thrown. */
  error: HighLevelError;
  /** True when the resend follows a 401 with a freshly requested token. */
  isTokenRefresh: boolean;
}

export interface ClientHooks {
  onRequest?: (event: RequestEvent) => void | Promise<void>;
  onResponse?: (event: ResponseEvent) => void | Promise<void>;
  onRetry?: (event: RetryEvent) => void | Promise<void>;
}

/**
 * Hooks observe; they cannot change the outcome. A hook that throws (or rejects) is ignored: a
 * broken logger must not turn a message HighLevel added into a reported failure, which the caller
 * would then send again.
 *
 * The event is built only when there is a hook to receive it: copying and redacting headers for
 * nobody cost a few microseconds on every send (packages/bench).
 */
export function emitHook<Event>(
  hook: ((event: Event) => void | Promise<void>) | undefined,
  buildEvent: () => Event,
): void {
  if (hook === undefined) return;
  try {
    const result = hook(buildEvent());
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // Ignored on purpose: see above.
  }
}

/** What a hook is told about the request: transport.ts's PendingRequest has it, as a Request does. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
}

/**
 * Tells `onRequest` (with no response: right before fetch) and `onResponse` (once the answer's headers
 * arrived) about one attempt. The request's own headers are redacted, as is any echo of a secret.
 */
export function observerForAttempt(
  hooks: ClientHooks,
  {
    attempt,
    secrets,
    slot,
  }: { attempt: number; secrets: readonly string[]; slot: RateLimitSlot | undefined },
): (request: SentRequest, response?: Response) => void {
  return ({ method, url, headers }, response) => {
    if (response === undefined) {
      emitHook(hooks.onRequest, () => ({
        method,
        url,
        attempt,
        headers: redactRequestHeaders(headers, secrets),
        ...(slot && { limiter: { key: slot.key, waitedMs: slot.waitedMs } }),
      }));
    } else {
      emitHook(hooks.onResponse, () => ({
        method,
        url,
        attempt,
        status: response.status,
        headers: headersToRecord(response.headers, secrets),
        rateLimit: parseRateLimitInfo(response.headers),
      }));
    }
  };
}
