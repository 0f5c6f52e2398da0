// `@ghl-inbound/limiter/rules`: the rules this package shares with @ghl-inbound/client, with no state
// and no classes: reading HighLevel's rate-limit headers and Retry-After, waiting abortably, and
// judging options and keys. The client bundles this entry, so that it follows the same rules without
// loading the limiter unless `rateLimit` is set.
export { settleUnlessAborted, sleep } from "./abortable.js";
export { findKeyProblem, findOptionProblem, MAX_KEY_LENGTH, type OptionProblem } from "./option-problems.js";
export {
  type HeadersLike,
  parseRateLimitInfo,
  parseRetryAfterMs,
  type RateLimitInfo,
} from "./response-headers.js";
