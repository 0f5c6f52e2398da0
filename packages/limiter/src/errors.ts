import { describeStoreFailure } from "./store-failure.js";

/**
 * The base of every error this package throws; never thrown itself. `instanceof` fails across two
 * copies of the package, so the `is*` guards below also compare `name`.
 */
export class RateLimiterError extends Error {
  override name: string = "RateLimiterError";
}

export interface RateLimitWaitTimeoutErrorDetails {
  key: string;
  /** How long this `acquire` had already waited. */
  waitedMs: number;
  /** How much longer the store said to wait when the limiter gave up. */
  retryInMs: number;
  maxWaitMs: number;
}

/**
 * No slot within `maxWaitMs`. Thrown as soon as the store's answer shows the wait would pass the
 * bound, not after sleeping it out. Nothing was sent and no slot was taken: the caller may queue
 * the request and try later (`retryInMs` says when).
 */
export class RateLimitWaitTimeoutError extends RateLimiterError {
  override name = "RateLimitWaitTimeoutError" as const;
  readonly key: string;
  readonly waitedMs: number;
  readonly retryInMs: number;
  readonly maxWaitMs: number;

  constructor(details: RateLimitWaitTimeoutErrorDetails) {
    super(
      `No rate-limit slot for key "${details.key}" within maxWaitMs ${details.maxWaitMs}: ` +
        `waited ${Math.round(details.waitedMs)} ms, the next slot is ${Math.round(details.retryInMs)} ms away`,
    );
    this.key = details.key;
    this.waitedMs = details.waitedMs;
    this.retryInMs = details.retryInMs;
    this.maxWaitMs = details.maxWaitMs;
  }
}

export type StoreOperation = "take" | "block";

export interface RateLimitStoreErrorDetails {
  key: string;
  operation: StoreOperation;
  /** What the store threw. Kept as `cause`; only its name and code reach the message. */
  cause?: unknown;
  /** Set when the store did not answer within `storeTimeoutMs`. */
  timeoutMs?: number;
}

/**
 * The store failed or did not answer in time (Redis down, unreachable, a wrong reply). With
 * `onStoreError: "throw"` (the default) `acquire` throws this and nothing may be sent for the
 * request: no slot was confirmed. The message names the key and the operation only; the store's
 * own error is in `cause`, because a driver's message may carry a connection string or password.
 */
export class RateLimitStoreError extends RateLimiterError {
  override name = "RateLimitStoreError" as const;
  readonly key: string;
  readonly operation: StoreOperation;
  readonly timeoutMs: number | undefined;

  constructor(details: RateLimitStoreErrorDetails) {
    const why =
      details.timeoutMs === undefined
        ? `failed (${describeStoreFailure(details.cause)})`
        : `did not answer within storeTimeoutMs ${details.timeoutMs}`;
    super(`Rate-limit store ${why} on ${details.operation} for key "${details.key}"; see cause`, {
      cause: details.cause,
    });
    this.key = details.key;
    this.operation = details.operation;
    this.timeoutMs = details.timeoutMs;
  }
}

/** An option the limiter cannot work with; `option` names it. Thrown by `createRateLimiter` and `acquire`. */
export class RateLimitOptionError extends RateLimiterError {
  override name = "RateLimitOptionError" as const;
  readonly option: string;

  constructor(option: string, problem: string) {
    super(`Rate limiter option "${option}" ${problem}`);
    this.option = option;
  }
}

function hasName(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

export function isRateLimitWaitTimeoutError(error: unknown): error is RateLimitWaitTimeoutError {
  return error instanceof RateLimitWaitTimeoutError || hasName(error, "RateLimitWaitTimeoutError");
}

export function isRateLimitStoreError(error: unknown): error is RateLimitStoreError {
  return error instanceof RateLimitStoreError || hasName(error, "RateLimitStoreError");
}
