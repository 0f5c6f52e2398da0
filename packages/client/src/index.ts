// The public surface: an explicit list. Anything not exported here may change between releases.

export type {
  ApiVersion,
  BadRequestResponse,
  CallData,
  CallStatus,
  ErrorResponse,
  InboundMessageRequest,
  InboundMessageResponse,
  InboundMessageType,
  MessageDirection,
  UnauthorizedResponse,
} from "@ghl-inbound/types";
export {
  type AddInboundMessageOptions,
  type AddInboundMessageResult,
  createHighLevelClient,
  type HighLevelClient,
} from "./client.js";
export {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  HighLevelError,
  type HighLevelErrorName,
  HttpError,
  type HttpErrorName,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
  type ValidationIssue,
} from "./errors.js";
export {
  isAuthenticationError,
  isBadRequestError,
  isConnectionError,
  isHighLevelError,
  isHttpError,
  isRateLimitError,
  isServerError,
  isTimeoutError,
  isUnexpectedResponseError,
  isValidationError,
} from "./guards.js";
export type { RequestEvent, ResponseEvent, RetryEvent } from "./hooks.js";
export {
  type AccessTokenContext,
  type AccessTokenProvider,
  type ClientOptions,
  DEFAULT_OPTIONS,
  type FetchFunction,
  type ResolvedClientOptions,
} from "./options.js";
export type { RateLimitInfo } from "./rate-limit-info.js";
export { parseRetryAfterMs, type UnsafeRetryPolicy } from "./retry.js";
