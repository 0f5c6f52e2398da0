// The public surface: `sendFile()` is what `ghl-inbound send` runs, for use from code.

export type { RateBudget } from "./duration.js";
export { EXIT_CODES, type ExitCode } from "./exit-codes.js";
export type { InputFormat } from "./input-source.js";
export type { LineResult, LineStatus } from "./out-file.js";
export type { Plan } from "./plan.js";
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_RATE_LIMIT,
  type SendFileOptions,
  type SendFileResult,
  sendFile,
} from "./send-file.js";
export type { SendCounts } from "./send-pass.js";
export { UsageError } from "./usage-error.js";
