// Which error a failure becomes: the only status -> class switch, and what a rejected fetch says about
// whether the request ever left (the limiter's failures: rate-limit.ts). The classes are in errors.ts.
import { parseRateLimitInfo, parseRetryAfterMs } from "@ghl-inbound/limiter/rules";
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  type HighLevelError,
  HttpError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestDescription,
  type ResponseDescription,
  ServerError,
  UnexpectedResponseError,
  UnprocessableEntityError,
} from "./errors.js";

/**
 * The error for an answer that is not the documented success. `body` is what came back, parsed; a
 * 2xx lands here only when it is not the documented success, so it becomes an UnexpectedResponseError.
 */
export function errorFromResponse(
  response: ResponseDescription,
  issues: readonly string[] = [],
  options?: { cause?: unknown },
): HighLevelError {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const why = issues.length > 0 ? issues : [`status ${status} is neither 200 nor 201`];
    return new UnexpectedResponseError(response, why, options);
  }
  switch (status) {
    case 400:
      return new BadRequestError(response);
    case 401:
      return new AuthenticationError(response);
    case 403:
      return new PermissionDeniedError(response);
    case 404:
      return new NotFoundError(response);
    case 422:
      return new UnprocessableEntityError(response);
    case 429: {
      const headers = new Headers(response.headers);
      return new RateLimitError(response, {
        retryAfterMs: parseRetryAfterMs(headers.get("retry-after")),
        rateLimit: parseRateLimitInfo(headers),
      });
    }
    default:
      if (status >= 500 && status < 600) return new ServerError(response);
      // Another 4xx, or a 3xx (redirects are not followed: they would carry the token elsewhere).
      return new HttpError(response);
  }
}

/**
 * The client sends with `redirect: "error"`: a redirect would resend the POST, token included, somewhere
 * HighLevel did not document, and any other mode makes undici copy the request and tee its body on every
 * send, a cost packages/bench's client-overhead benchmark shows on a local round trip. undici then
 * rejects without the 3xx response.
 */
export const UNEXPECTED_REDIRECT = "UNEXPECTED_REDIRECT";
/**
 * fetch refuses some ports outright, before connecting (the Fetch standard's "bad port" list: 1, 7,
 * 9, 25, 6000...); undici says only "bad port", with no code, so the client names it.
 */
export const BAD_PORT = "BAD_PORT";

/**
 * Failures after which the request certainly never reached HighLevel, because no connection was
 * made, with the words the error message uses. Anything else (ECONNRESET, UND_ERR_SOCKET "other side
 * closed", an unknown error from an injected fetch) may have happened after the request went out.
 */
const NOT_SENT: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
  ENETUNREACH: "network unreachable",
  EHOSTUNREACH: "host unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connecting timed out",
  [BAD_PORT]: "fetch never connects to this port (a Fetch standard bad port)",
};

/**
 * The ConnectionError for a rejected fetch. `answeredStatus` is the status of an answer whose body
 * then broke: the request was certainly received.
 */
export function errorFromFetchFailure(
  cause: unknown,
  request: RequestDescription,
  answeredStatus?: number,
): ConnectionError {
  const code = codeOfFetchFailure(cause);
  const notSent = code === undefined || answeredStatus !== undefined ? undefined : NOT_SENT[code];
  const reason =
    notSent !== undefined
      ? `could not connect: ${notSent}`
      : code === UNEXPECTED_REDIRECT
        ? "was answered with a redirect, which is not followed (it would carry the token elsewhere)"
        : answeredStatus === undefined
          ? "lost the connection after the request was sent"
          : `lost the connection while reading a ${answeredStatus} answer`;
  return new ConnectionError(
    { ...request, code, reason, mayHaveBeenAdded: notSent === undefined, status: answeredStatus },
    { cause },
  );
}

/**
 * fetch rejects with TypeError("fetch failed") whose cause (or an AggregateError's first error) has the
 * code; undici's own refusals (a redirect, a bad port) have only words, which are turned into codes.
 */
function codeOfFetchFailure(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error && cause.message === "unexpected redirect") return UNEXPECTED_REDIRECT;
  if (cause instanceof Error && cause.message === "bad port") return BAD_PORT;
  return systemCodeOf(error);
}

function systemCodeOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, errors } = current as { code?: unknown; errors?: unknown };
    if (typeof code === "string") return code;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = systemCodeOf(errors[0]);
      if (inner !== undefined) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
