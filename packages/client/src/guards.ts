// Type guards that hold across two copies of this package (a dependency bundling its own, another
// realm), where `instanceof` fails: an error is matched by its `name`, looked up in the one table of
// classes below. The name alone is not enough: names such as ValidationError or ConnectionError are
// common in other libraries, so a lookalike must also carry the fields every HighLevelError has. Those
// fields, rather than a brand, because a copy of an older release (a dependency's bundle) has them too.
import {
  AttemptRefusedError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  HighLevelError,
  type HighLevelErrorName,
  HttpError,
  MessageInterruptedError,
  MessageSkippedError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  RequestTimeoutError,
  ServerError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  ValidationError,
} from "./errors.js";

type ErrorClass = abstract new (...args: never[]) => HighLevelError;

/**
 * Every error class by its name. A name in HighLevelErrorName without its class here, a class under
 * another class's name, or a name that is not one: each fails to compile.
 */
const ERROR_CLASSES = {
  HighLevelError,
  HttpError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  UnprocessableEntityError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  RequestTimeoutError,
  ConnectionError,
  ValidationError,
  RateLimitWaitError,
  RateLimitStoreUnavailableError,
  MessageSkippedError,
  MessageInterruptedError,
  AttemptRefusedError,
} as const satisfies { [Name in HighLevelErrorName]: ErrorClass };

type ErrorNamed<Name extends HighLevelErrorName> = InstanceType<(typeof ERROR_CLASSES)[Name]>;

/** The names whose class can carry that name: all of them, or the line after fails to compile. */
type FiledUnderOwnName = {
  [Name in HighLevelErrorName]: Name extends ErrorNamed<Name>["name"] ? Name : never;
}[HighLevelErrorName];
true satisfies HighLevelErrorName extends FiledUnderOwnName ? true : never;

/** A guard per name: `is<Name>`. The check after the guards below makes a missing one a compile error. */
type Guards = {
  [Name in HighLevelErrorName as `is${Name}`]: (value: unknown) => value is ErrorNamed<Name>;
};

/** True for an error of that class or of a subclass (isHttpError is true for a RateLimitError). */
function guardFor<Name extends HighLevelErrorName>(
  name: Name,
): (value: unknown) => value is ErrorNamed<Name> {
  const target: ErrorClass = ERROR_CLASSES[name];
  return (value: unknown): value is ErrorNamed<Name> => {
    if (!isHighLevelError(value)) return false;
    const own: ErrorClass = ERROR_CLASSES[value.name];
    return own === target || own.prototype instanceof target;
  };
}

export function isHighLevelError(value: unknown): value is HighLevelError {
  if (value instanceof HighLevelError) return true;
  if (!(value instanceof Error) || !Object.hasOwn(ERROR_CLASSES, value.name)) return false;
  const fields = value as Error & { mayHaveBeenAdded?: unknown; method?: unknown; url?: unknown };
  return (
    typeof fields.mayHaveBeenAdded === "boolean" &&
    typeof fields.method === "string" &&
    typeof fields.url === "string"
  );
}

export const isHttpError = /* @__PURE__ */ guardFor("HttpError");
export const isBadRequestError = /* @__PURE__ */ guardFor("BadRequestError");
export const isAuthenticationError = /* @__PURE__ */ guardFor("AuthenticationError");
export const isPermissionDeniedError = /* @__PURE__ */ guardFor("PermissionDeniedError");
export const isNotFoundError = /* @__PURE__ */ guardFor("NotFoundError");
export const isUnprocessableEntityError = /* @__PURE__ */ guardFor("UnprocessableEntityError");
export const isRateLimitError = /* @__PURE__ */ guardFor("RateLimitError");
export const isServerError = /* @__PURE__ */ guardFor("ServerError");
export const isUnexpectedResponseError = /* @__PURE__ */ guardFor("UnexpectedResponseError");
/** Our RequestTimeoutError only, never the platform's DOMException named "TimeoutError". */
export const isRequestTimeoutError = /* @__PURE__ */ guardFor("RequestTimeoutError");
export const isConnectionError = /* @__PURE__ */ guardFor("ConnectionError");
export const isValidationError = /* @__PURE__ */ guardFor("ValidationError");
export const isRateLimitWaitError = /* @__PURE__ */ guardFor("RateLimitWaitError");
export const isRateLimitStoreUnavailableError = /* @__PURE__ */ guardFor("RateLimitStoreUnavailableError");
export const isMessageSkippedError = /* @__PURE__ */ guardFor("MessageSkippedError");
export const isMessageInterruptedError = /* @__PURE__ */ guardFor("MessageInterruptedError");
export const isAttemptRefusedError = /* @__PURE__ */ guardFor("AttemptRefusedError");

// Every name has its guard: a name added to HighLevelErrorName without one above fails to compile here.
({
  isHighLevelError,
  isHttpError,
  isBadRequestError,
  isAuthenticationError,
  isPermissionDeniedError,
  isNotFoundError,
  isUnprocessableEntityError,
  isRateLimitError,
  isServerError,
  isUnexpectedResponseError,
  isRequestTimeoutError,
  isConnectionError,
  isValidationError,
  isRateLimitWaitError,
  isRateLimitStoreUnavailableError,
  isMessageSkippedError,
  isMessageInterruptedError,
  isAttemptRefusedError,
}) satisfies Guards;
