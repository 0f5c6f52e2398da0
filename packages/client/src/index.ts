// The public surface: an explicit list. Anything not exported here may change between releases.
// The limiter's functions (createRateLimiter, createRedisStore...) are @ghl-inbound/limiter's to
// export: re-exporting them would load the limiter with every client, `rateLimit` or not.

export type {
  RateLimiter,
  RateLimiterOptions,
  RateLimitStore,
  RedisEvalClient,
  RedisStoreOptions,
} from "@ghl-inbound/limiter";
export { parseRetryAfterMs, type RateLimitInfo } from "@ghl-inbound/limiter/rules";
export type {
  ApiVersion,
  BadRequestResponse,
  CallData,
  CallStatus,
  ErrorResponse,
  ForbiddenResponse,
  InboundMessageRequest,
  InboundMessageResponse,
  InboundMessageType,
  MessageDirection,
  NotFoundResponse,
  UnauthorizedResponse,
  UnprocessableEntityResponse,
} from "@ghl-inbound/types";
export {
  type BulkProgress,
  type BulkResult,
  DEFAULT_BULK_CONCURRENCY,
  type SendInboundMessagesOptions,
  sendInboundMessages,
} from "./bulk.js";
export {
  type AddInboundMessageOptions,
  type AddInboundMessageResult,
  createHighLevelClient,
  type HighLevelClient,
} from "./client.js";
export {
  AttemptRefusedError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  HighLevelError,
  type HighLevelErrorName,
  HttpError,
  type HttpErrorName,
  MessageInterruptedError,
  MessageSkippedError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  RequestTimeoutError,
  ServerError,
  type SkipReason,
  UnexpectedResponseError,
  UnprocessableEntityError,
  ValidationError,
  type ValidationIssue,
} from "./errors.js";
export {
  isAttemptRefusedError,
  isAuthenticationError,
  isBadRequestError,
  isConnectionError,
  isHighLevelError,
  isHttpError,
  isMessageInterruptedError,
  isMessageSkippedError,
  isNotFoundError,
  isPermissionDeniedError,
  isRateLimitError,
  isRateLimitStoreUnavailableError,
  isRateLimitWaitError,
  isRequestTimeoutError,
  isServerError,
  isUnexpectedResponseError,
  isUnprocessableEntityError,
  isValidationError,
} from "./guards.js";
export type { AttemptEvent, RequestEvent, ResponseEvent, RetryEvent } from "./hooks.js";
export type { SchemaProblem } from "./json-schema.js";
export {
  type AccessTokenContext,
  type AccessTokenProvider,
  type ClientOptions,
  DEFAULT_OPTIONS,
  type FetchFunction,
  findBaseUrlProblem,
  type ResolvedClientOptions,
} from "./options.js";
export type {
  ClientRateLimitOptions,
  RateLimitOption,
  RateLimitSlot,
  ResolvedRateLimit,
  SharedRateLimit,
} from "./rate-limit-option.js";
export type { UnsafeRetryPolicy } from "./retry.js";
export {
  describeInboundMessageProblems,
  type InboundMessageCheck,
  validateInboundMessage,
} from "./validation.js";
