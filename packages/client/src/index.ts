// The public surface: an explicit list. Anything not exported here may change between releases.

export {
  createMemoryStore,
  createRateLimiter,
  createRedisStore,
  keyForToken,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitStore,
  type RedisEvalClient,
  type RedisStoreOptions,
} from "@ghl-inbound/limiter";
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
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  HighLevelError,
  type HighLevelErrorName,
  HttpError,
  type HttpErrorName,
  MessageInterruptedError,
  MessageSkippedError,
  RateLimitError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  ServerError,
  type SkipReason,
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
  isMessageInterruptedError,
  isMessageSkippedError,
  isRateLimitError,
  isRateLimitStoreUnavailableError,
  isRateLimitWaitError,
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
export type {
  ClientRateLimitOptions,
  RateLimitOption,
  RateLimitSlot,
  ResolvedRateLimit,
} from "./rate-limit.js";
export type { RateLimitInfo } from "./rate-limit-info.js";
export { parseRetryAfterMs, type UnsafeRetryPolicy } from "./retry.js";
export { validateInboundMessage } from "./validation.js";
