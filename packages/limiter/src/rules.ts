// `@ghl-inbound/limiter/rules`: the rules this package shares with @ghl-inbound/client, with no state
// and no classes: reading HighLevel's rate-limit headers and Retry-After, waiting abortably, and what a
// credential looks like and how it is redacted (the mock bundles that part too). The
// client bundles this entry, so that it follows the same rules without loading the limiter unless
// `rateLimit` is set.
export { settleUnlessAborted, sleep } from "./abortable.js";
export {
  looksLikeCredential,
  REDACTED,
  redactAuthorization,
  redactSecretsInText,
} from "./credentials.js";
export {
  HIGHLEVEL_BURST_INTERVAL_MS,
  HIGHLEVEL_BURST_LIMIT,
  HIGHLEVEL_DAILY_LIMIT,
} from "./highlevel-limits.js";
export { findKeyProblem, findOptionProblem, type OptionProblem } from "./option-problems.js";
export {
  type HeadersLike,
  isDailyLimitSpent,
  parseRateLimitInfo,
  parseRetryAfterMs,
  type RateLimitInfo,
} from "./response-headers.js";
