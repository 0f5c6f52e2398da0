import { parseRateLimitInfo, type RateLimitInfo } from "@ghl-inbound/limiter/rules";
import type { Middleware } from "openapi-fetch";
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

/**
 * `onRequest` and `onResponse` as openapi-fetch middleware for one attempt, or none when neither hook
 * is set: openapi-fetch's middleware round (an id, an await per hook) costs a little on every send.
 */
export function middlewareForHooks(
  hooks: ClientHooks,
  attempt: { attempt: number; secrets: readonly string[]; slot: RateLimitSlot | undefined },
): Middleware[] {
  const { onRequest, onResponse } = hooks;
  if (onRequest === undefined && onResponse === undefined) return [];
  const { secrets, slot } = attempt;
  return [
    {
      onRequest({ request }) {
        emitHook(onRequest, () => ({
          method: request.method,
          url: request.url,
          attempt: attempt.attempt,
          headers: redactRequestHeaders(request.headers, secrets),
          ...(slot && { limiter: { key: slot.key, waitedMs: slot.waitedMs } }),
        }));
      },
      onResponse({ request, response }) {
        emitHook(onResponse, () => ({
          method: request.method,
          url: request.url,
          attempt: attempt.attempt,
          status: response.status,
          headers: headersToRecord(response.headers, secrets),
          rateLimit: parseRateLimitInfo(response.headers),
        }));
      },
    },
  ];
}
