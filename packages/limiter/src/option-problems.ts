// What makes an option or a key unusable, as answers rather than throws: the limiter throws
// RateLimitOptionError with them, and @ghl-inbound/client checks its `rateLimit` setting with them
// when a client is created, before it loads the limiter itself.
import type { RateLimiterOptions } from "./options.js";
import type { RateLimitStore } from "./store.js";

/** An option the limiter cannot work with, and why. */
export interface OptionProblem {
  option: keyof RateLimiterOptions;
  problem: string;
}

export const MAX_KEY_LENGTH = 256;

/** The first option of `options` the limiter cannot use, or undefined when every one is usable. */
export function findOptionProblem(options: RateLimiterOptions): OptionProblem | undefined {
  const problems: (OptionProblem | undefined)[] = [
    positiveInteger("limit", options.limit),
    positiveInteger("intervalMs", options.intervalMs),
    options.store === undefined || isRateLimitStore(options.store)
      ? undefined
      : { option: "store", problem: "must have take() and block(), as createRedisStore() returns" },
    options.onStoreError === undefined ||
    options.onStoreError === "throw" ||
    options.onStoreError === "memory"
      ? undefined
      : {
          option: "onStoreError",
          problem: `must be "throw" or "memory", got ${String(options.onStoreError)}`,
        },
    options.onFallback === undefined || typeof options.onFallback === "function"
      ? undefined
      : { option: "onFallback", problem: "must be a function" },
    nonNegativeMs("safetyMarginMs", options.safetyMarginMs),
    nonNegativeMs("maxWaitMs", options.maxWaitMs),
    positiveInteger("storeTimeoutMs", options.storeTimeoutMs),
    positiveInteger("fallbackLimit", options.fallbackLimit),
  ];
  return problems.find((problem) => problem !== undefined);
}

/**
 * Why `key` cannot be a rate-limit key, or undefined. A key is stored (Redis key names) and printed
 * (errors, logs) as it is, so one that looks like a secret is refused: HighLevel tokens are JWTs
 * (OAuth) or start with "pit-" (Private Integration Tokens).
 */
export function findKeyProblem(key: unknown): string | undefined {
  if (typeof key !== "string" || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    return `must be a non-empty string of at most ${MAX_KEY_LENGTH} characters`;
  }
  if (/^bearer\s/i.test(key) || /^pit-/i.test(key) || /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(key)) {
    return "looks like an access token: pass keyForToken(token) or the locationId, never the token itself";
  }
  return undefined;
}

function positiveInteger(option: OptionProblem["option"], value: unknown): OptionProblem | undefined {
  if (value === undefined || (Number.isSafeInteger(value) && (value as number) >= 1)) return undefined;
  return { option, problem: `must be a whole number of at least 1, got ${String(value)}` };
}

function nonNegativeMs(option: OptionProblem["option"], value: unknown): OptionProblem | undefined {
  if (value === undefined || (typeof value === "number" && Number.isFinite(value) && value >= 0)) {
    return undefined;
  }
  return { option, problem: `must be a finite number of milliseconds >= 0, got ${String(value)}` };
}

function isRateLimitStore(value: unknown): value is RateLimitStore {
  const candidate = value as Partial<RateLimitStore> | null;
  return typeof candidate?.take === "function" && typeof candidate.block === "function";
}
