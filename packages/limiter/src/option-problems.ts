// What makes an option or a key unusable, as answers rather than throws: createRateLimiter and
// acquire throw RateLimitOptionError with them.
import { looksLikeCredential } from "./credentials.js";
import type { RateLimiterOptions } from "./options.js";
import type { RateLimitStore } from "./store.js";

/** An option the limiter cannot work with, and why. */
export interface OptionProblem {
  option: keyof RateLimiterOptions;
  problem: string;
}

export const MAX_KEY_LENGTH = 256;

/** What each option must be; one rule per kind keeps the messages alike (and the browser bundle small). */
const OPTION_KINDS = {
  limit: "count",
  intervalMs: "count",
  safetyMarginMs: "duration",
  minSafetyMarginMs: "duration",
  clock: "clock",
  store: "store",
  maxWaitMs: "duration",
  storeTimeoutMs: "count",
  onStoreError: "policy",
  fallbackLimit: "count",
  onFallback: "function",
} as const satisfies Record<keyof RateLimiterOptions, string>;

const RULES: Record<(typeof OPTION_KINDS)[keyof RateLimiterOptions], [(value: unknown) => boolean, string]> =
  {
    count: [
      (value) => Number.isSafeInteger(value) && (value as number) >= 1,
      "must be a whole number of at least 1",
    ],
    duration: [
      (value) => typeof value === "number" && Number.isFinite(value) && value >= 0,
      "must be a finite number of milliseconds >= 0",
    ],
    store: [isRateLimitStore, "must have take() and block(), as createRedisStore() returns"],
    policy: [(value) => value === "throw" || value === "memory", 'must be "throw" or "memory"'],
    function: [(value) => typeof value === "function", "must be a function"],
    clock: [isClock, "must have now() and sleep()"],
  };

/** The first option of `options` the limiter cannot use, or undefined when every one is usable. */
export function findOptionProblem(options: RateLimiterOptions): OptionProblem | undefined {
  for (const [option, kind] of Object.entries(OPTION_KINDS) as [
    keyof RateLimiterOptions,
    keyof typeof RULES,
  ][]) {
    const value = options[option];
    const [isUsable, rule] = RULES[kind];
    if (value === undefined || isUsable(value)) continue;
    const isPrimitive = value === null || (typeof value !== "object" && typeof value !== "function");
    return { option, problem: isPrimitive ? `${rule}, got ${String(value)}` : rule };
  }
  return undefined;
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
  if (looksLikeCredential(key)) {
    return "looks like an access token: pass keyForToken(token) or the locationId, never the token itself";
  }
  return undefined;
}

function isClock(value: unknown): boolean {
  const candidate = value as { now?: unknown; sleep?: unknown } | null;
  return typeof candidate?.now === "function" && typeof candidate.sleep === "function";
}

function isRateLimitStore(value: unknown): value is RateLimitStore {
  const candidate = value as Partial<RateLimitStore> | null;
  return typeof candidate?.take === "function" && typeof candidate.block === "function";
}
