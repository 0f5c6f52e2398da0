// Type guards that hold across two copies of this package (a dependency bundling its own, another
// realm), where `instanceof` fails. The name alone is not enough: AbortSignal.timeout() rejects
// with a DOMException that is also named "TimeoutError", so a lookalike must also carry the
// fields every HighLevelError has.
import type {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  HighLevelErrorName,
  HttpError,
  MessageInterruptedError,
  MessageSkippedError,
  RateLimitError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
} from "./errors.js";
import { HighLevelError } from "./errors.js";

const NAMES: ReadonlySet<string> = new Set<HighLevelErrorName>([
  "HighLevelError",
  "HttpError",
  "BadRequestError",
  "AuthenticationError",
  "RateLimitError",
  "ServerError",
  "UnexpectedResponseError",
  "TimeoutError",
  "ConnectionError",
  "ValidationError",
  "RateLimitWaitError",
  "RateLimitStoreUnavailableError",
  "MessageSkippedError",
  "MessageInterruptedError",
]);
const HTTP_NAMES: ReadonlySet<string> = new Set([
  "HttpError",
  "BadRequestError",
  "AuthenticationError",
  "RateLimitError",
  "ServerError",
]);

export function isHighLevelError(value: unknown): value is HighLevelError {
  if (value instanceof HighLevelError) return true;
  if (!(value instanceof Error) || !NAMES.has(value.name)) return false;
  const fields = value as Error & { mayHaveBeenAdded?: unknown; method?: unknown; url?: unknown };
  return (
    typeof fields.mayHaveBeenAdded === "boolean" &&
    typeof fields.method === "string" &&
    typeof fields.url === "string"
  );
}

export function isHttpError(value: unknown): value is HttpError {
  return isHighLevelError(value) && HTTP_NAMES.has(value.name);
}

export function isBadRequestError(value: unknown): value is BadRequestError {
  return isHighLevelError(value) && value.name === "BadRequestError";
}

export function isAuthenticationError(value: unknown): value is AuthenticationError {
  return isHighLevelError(value) && value.name === "AuthenticationError";
}

export function isRateLimitError(value: unknown): value is RateLimitError {
  return isHighLevelError(value) && value.name === "RateLimitError";
}

export function isServerError(value: unknown): value is ServerError {
  return isHighLevelError(value) && value.name === "ServerError";
}

export function isUnexpectedResponseError(value: unknown): value is UnexpectedResponseError {
  return isHighLevelError(value) && value.name === "UnexpectedResponseError";
}

/** Our TimeoutError only, never the platform's DOMException of the same name. */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return isHighLevelError(value) && value.name === "TimeoutError";
}

export function isConnectionError(value: unknown): value is ConnectionError {
  return isHighLevelError(value) && value.name === "ConnectionError";
}

export function isValidationError(value: unknown): value is ValidationError {
  return isHighLevelError(value) && value.name === "ValidationError";
}

export function isRateLimitWaitError(value: unknown): value is RateLimitWaitError {
  return isHighLevelError(value) && value.name === "RateLimitWaitError";
}

export function isRateLimitStoreUnavailableError(value: unknown): value is RateLimitStoreUnavailableError {
  return isHighLevelError(value) && value.name === "RateLimitStoreUnavailableError";
}

export function isMessageSkippedError(value: unknown): value is MessageSkippedError {
  return isHighLevelError(value) && value.name === "MessageSkippedError";
}

export function isMessageInterruptedError(value: unknown): value is MessageInterruptedError {
  return isHighLevelError(value) && value.name === "MessageInterruptedError";
}
