import { describe, expect, it } from "vitest";
import {
  isRateLimitStoreError,
  isRateLimitWaitTimeoutError,
  RateLimiterError,
  RateLimitOptionError,
  RateLimitStoreError,
  RateLimitWaitTimeoutError,
} from "../src/index.js";

const waitTimeout = new RateLimitWaitTimeoutError({
  key: "loc-1",
  waitedMs: 1200.4,
  retryInMs: 9000,
  maxWaitMs: 5000,
});
const storeFailure = new RateLimitStoreError({
  key: "loc-1",
  operation: "take",
  cause: Object.assign(new Error("WRONGPASS for redis://app:hunter2@cache:6379"), { code: "WRONGPASS" }),
});

describe("error classes", () => {
  it.each([
    ["RateLimitWaitTimeoutError", waitTimeout],
    ["RateLimitStoreError", storeFailure],
    ["RateLimitOptionError", new RateLimitOptionError("limit", "must be at least 1")],
  ] as const)("%s keeps its name in String() and JSON logs, and extends RateLimiterError", (name, error) => {
    expect(error.name).toBe(name);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
    expect(error).toBeInstanceOf(RateLimiterError);
    expect(error).toBeInstanceOf(Error);
  });

  it("RateLimitWaitTimeoutError says which key, how long it waited and how far the next slot is", () => {
    expect(waitTimeout.message).toBe(
      'No rate-limit slot for key "loc-1" within maxWaitMs 5000: waited 1200 ms, the next slot is 9000 ms away',
    );
  });

  it("RateLimitStoreError keeps the cause and names its code, never its text", () => {
    expect(storeFailure.message).toBe(
      'Rate-limit store failed (Error WRONGPASS) on take for key "loc-1"; see cause',
    );
    expect((storeFailure.cause as Error).message).toContain("hunter2");
    expect(JSON.stringify({ message: storeFailure.message, name: storeFailure.name })).not.toContain(
      "hunter2",
    );
  });

  it("RateLimitStoreError describes a thrown non-Error by its type", () => {
    const error = new RateLimitStoreError({ key: "k", operation: "block", cause: "redis://:pw@host" });
    expect(error.message).toBe('Rate-limit store failed (a thrown string) on block for key "k"; see cause');
  });
});

describe("type guards", () => {
  it("recognise this package's errors", () => {
    expect(isRateLimitWaitTimeoutError(waitTimeout)).toBe(true);
    expect(isRateLimitStoreError(storeFailure)).toBe(true);
    expect(isRateLimitStoreError(waitTimeout)).toBe(false);
    expect(isRateLimitWaitTimeoutError(new Error("x"))).toBe(false);
    expect(isRateLimitStoreError(undefined)).toBe(false);
  });

  it("recognise errors from another copy of the package by name", () => {
    class OtherCopyStoreError extends Error {
      override name = "RateLimitStoreError";
    }
    const foreign = new OtherCopyStoreError("from a second copy");
    expect(foreign).not.toBeInstanceOf(RateLimitStoreError);
    expect(isRateLimitStoreError(foreign)).toBe(true);
  });
});
