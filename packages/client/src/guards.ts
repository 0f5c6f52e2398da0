// Type guards that hold where `instanceof` fails: for an error made by another copy of this package
// (the CommonJS build loaded beside the ES module one, a dependency bundling its own, another realm).
// Every HighLevelError of every copy carries the brand of errors.ts, so that alone says "ours": a
// platform DOMException named "TimeoutError", or another library's ValidationError, never has it.
// Which class a branded error is of, its `name` says, looked up in the one table of classes below, so
// that a guard is also true for the subclasses of its class (isHttpError for a RateLimitError).
import {
  AttemptRefusedError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  HIGHLEVEL_ERROR_BRAND,
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
 * Every error class by the name its errors carry. A name in HighLevelErrorName without its class here,
 * or a name that is not one, fails to compile; so does a class under another class's name (below).
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

/**
 * The class a branded error belongs to in this copy: the one its name files it under, or the base
 * class for a name this copy does not know (an error class added by a newer release).
 */
function classOf(error: HighLevelError): ErrorClass {
  return Object.hasOwn(ERROR_CLASSES, error.name) ? ERROR_CLASSES[error.name] : HighLevelError;
}

/** The one way a guard is made: true for an error of `target` or of a subclass, from any copy. */
function guardFor<Class extends ErrorClass>(target: Class): (value: unknown) => value is InstanceType<Class> {
  return (value: unknown): value is InstanceType<Class> => {
    if (typeof value !== "object" || value === null) return false;
    if ((value as { [key: symbol]: unknown })[HIGHLEVEL_ERROR_BRAND] !== true) return false;
    // instanceof first: a subclass of the caller's own, under a name of its own, is one of target's.
    if (value instanceof target) return true;
    const own = classOf(value as HighLevelError);
    return own === target || own.prototype instanceof target;
  };
}

export const isHighLevelError = /* @__PURE__ */ guardFor(HighLevelError);
export const isHttpError = /* @__PURE__ */ guardFor(HttpError);
export const isBadRequestError = /* @__PURE__ */ guardFor(BadRequestError);
export const isAuthenticationError = /* @__PURE__ */ guardFor(AuthenticationError);
export const isPermissionDeniedError = /* @__PURE__ */ guardFor(PermissionDeniedError);
export const isNotFoundError = /* @__PURE__ */ guardFor(NotFoundError);
export const isUnprocessableEntityError = /* @__PURE__ */ guardFor(UnprocessableEntityError);
export const isRateLimitError = /* @__PURE__ */ guardFor(RateLimitError);
export const isServerError = /* @__PURE__ */ guardFor(ServerError);
export const isUnexpectedResponseError = /* @__PURE__ */ guardFor(UnexpectedResponseError);
/** Our RequestTimeoutError only, never the platform's DOMException named "TimeoutError". */
export const isRequestTimeoutError = /* @__PURE__ */ guardFor(RequestTimeoutError);
export const isConnectionError = /* @__PURE__ */ guardFor(ConnectionError);
export const isValidationError = /* @__PURE__ */ guardFor(ValidationError);
export const isRateLimitWaitError = /* @__PURE__ */ guardFor(RateLimitWaitError);
export const isRateLimitStoreUnavailableError = /* @__PURE__ */ guardFor(RateLimitStoreUnavailableError);
export const isMessageSkippedError = /* @__PURE__ */ guardFor(MessageSkippedError);
export const isMessageInterruptedError = /* @__PURE__ */ guardFor(MessageInterruptedError);
export const isAttemptRefusedError = /* @__PURE__ */ guardFor(AttemptRefusedError);
