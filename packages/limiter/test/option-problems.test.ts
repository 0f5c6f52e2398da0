import { describe, expect, it } from "vitest";
import {
  createMemoryStore,
  createRateLimiter,
  type RateLimiterOptions,
  RateLimitOptionError,
} from "../src/index.js";
import { findKeyProblem, findOptionProblem, type OptionProblem } from "../src/option-problems.js";

describe("findOptionProblem", () => {
  const cases: [string, { given: RateLimiterOptions; want: OptionProblem | undefined }][] = [
    ["no options", { given: {}, want: undefined }],
    [
      "every option usable",
      {
        given: {
          limit: 10,
          intervalMs: 1000,
          safetyMarginMs: 0,
          store: createMemoryStore(),
          maxWaitMs: 0,
          storeTimeoutMs: 50,
          onStoreError: "memory",
          fallbackLimit: 5,
          onFallback: () => {},
        },
        want: undefined,
      },
    ],
    [
      "a limit of 0",
      { given: { limit: 0 }, want: { option: "limit", problem: expect.stringContaining("at least 1") } },
    ],
    [
      "a fractional interval",
      { given: { intervalMs: 1.5 }, want: { option: "intervalMs", problem: expect.any(String) } },
    ],
    [
      "a negative margin",
      { given: { safetyMarginMs: -1 }, want: { option: "safetyMarginMs", problem: expect.any(String) } },
    ],
    [
      "an infinite wait",
      { given: { maxWaitMs: Infinity }, want: { option: "maxWaitMs", problem: expect.any(String) } },
    ],
    [
      "a store without block()",
      {
        given: { store: { take: async () => ({ allowed: true, retryInMs: 0 }) } as never },
        want: { option: "store", problem: expect.any(String) },
      },
    ],
    [
      "an unknown onStoreError",
      {
        given: { onStoreError: "retry" as never },
        want: { option: "onStoreError", problem: expect.stringContaining("retry") },
      },
    ],
  ];
  it.each(cases)("answers %s", (_name, { given, want }) => {
    expect(findOptionProblem(given)).toEqual(want);
  });

  it("is the rule createRateLimiter throws by", () => {
    const options = { fallbackLimit: 0 };
    const problem = findOptionProblem(options);
    expect(() => createRateLimiter(options)).toThrow(
      new RateLimitOptionError("fallbackLimit", problem!.problem),
    );
  });
});

describe("findKeyProblem", () => {
  it.each<[string, unknown, RegExp | undefined]>([
    ["a locationId", "ve9EPM428h8vShlRW1KT", undefined],
    ["an empty key", "", /non-empty/],
    ["a number", 5, /non-empty string/],
    ["a key too long", "k".repeat(257), /at most 256/],
    ["a private integration token", "pit-1a2b3c4d-5e6f", /looks like an access token/],
    ["a JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", /looks like an access token/],
    ["a bearer header", "Bearer abc", /looks like an access token/],
  ])("answers %s", (_name, key, want) => {
    const problem = findKeyProblem(key);
    if (want === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(want);
  });
});
