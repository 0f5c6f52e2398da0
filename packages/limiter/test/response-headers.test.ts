import { describe, expect, it } from "vitest";
import {
  isDailyLimitSpent,
  parseRateLimitInfo,
  parseRetryAfterMs,
  type RateLimitInfo,
} from "../src/index.js";

const now = Date.parse("2026-03-01T12:00:00Z");

describe("parseRetryAfterMs", () => {
  const cases: [string, { given: string | null | undefined; want: number | undefined }][] = [
    ["delay-seconds", { given: "7", want: 7000 }],
    ["zero seconds", { given: "0", want: 0 }],
    ["seconds with spaces", { given: " 12 ", want: 12_000 }],
    ["decimal seconds, rounded up to the millisecond", { given: "1.5", want: 1500 }],
    ["a short decimal", { given: "0.0004", want: 1 }],
    ["a bare number as seconds, never as a year", { given: "2027", want: 2_027_000 }],
    ["an HTTP date in the future", { given: "Sun, 01 Mar 2026 12:00:30 GMT", want: 30_000 }],
    ["an HTTP date in the past, as now", { given: "Sun, 01 Mar 2026 11:00:00 GMT", want: 0 }],
    ["no header", { given: null, want: undefined }],
    ["an absent value", { given: undefined, want: undefined }],
    ["an empty value", { given: " ", want: undefined }],
    ["negative seconds", { given: "-5", want: undefined }],
    ["a negative decimal", { given: "-1.5", want: undefined }],
    ["a number with a unit", { given: "5s", want: undefined }],
    ["garbage", { given: "soon", want: undefined }],
    ["a date that does not parse", { given: "Sun, 99 Foo 2026", want: undefined }],
  ];
  it.each(cases)("reads %s", (_name, { given, want }) => {
    expect(parseRetryAfterMs(given, now)).toBe(want);
  });
});

describe("parseRateLimitInfo", () => {
  const none: RateLimitInfo = {
    remaining: undefined,
    max: undefined,
    intervalMs: undefined,
    dailyLimit: undefined,
    dailyRemaining: undefined,
    dailyResetMs: undefined,
  };
  const cases: [string, { given: Record<string, string>; want: RateLimitInfo }][] = [
    [
      "HighLevel's five headers",
      {
        given: {
          "X-RateLimit-Remaining": "42",
          "X-RateLimit-Max": "100",
          "X-RateLimit-Interval-Milliseconds": "10000",
          "X-RateLimit-Limit-Daily": "200000",
          "X-RateLimit-Daily-Remaining": "0",
        },
        want: {
          ...none,
          remaining: 42,
          max: 100,
          intervalMs: 10_000,
          dailyLimit: 200_000,
          dailyRemaining: 0,
        },
      },
    ],
    [
      "the daily reset HighLevel's SDK 3.1 reads, in milliseconds",
      {
        given: { "X-RateLimit-Daily-Remaining": "0", "X-RateLimit-Daily-Reset": "3600000" },
        want: { ...none, dailyRemaining: 0, dailyResetMs: 3_600_000 },
      },
    ],
    ["no headers", { given: {}, want: none }],
    [
      "values that are not whole numbers >= 0, as undefined",
      {
        given: {
          "X-RateLimit-Remaining": "-1",
          "X-RateLimit-Max": "1.5",
          "X-RateLimit-Interval-Milliseconds": "10s",
          "X-RateLimit-Limit-Daily": "",
          "X-RateLimit-Daily-Remaining": "99999999999999999999",
          "X-RateLimit-Daily-Reset": "tomorrow",
        },
        want: none,
      },
    ],
  ];
  it.each(cases)("reads %s", (_name, { given, want }) => {
    expect(parseRateLimitInfo(new Headers(given))).toEqual(want);
  });
});

describe("isDailyLimitSpent", () => {
  const read = (dailyRemaining: string | null) =>
    parseRateLimitInfo(
      new Headers(dailyRemaining === null ? {} : { "X-RateLimit-Daily-Remaining": dailyRemaining }),
    );

  it.each([
    ["0 left today", "0", true],
    ["1 left today", "1", false],
    ["no daily header", null, false],
    ["a daily header that is not a count", "none", false],
  ])("%s: %s", (_name, dailyRemaining, spent) => {
    expect(isDailyLimitSpent(read(dailyRemaining))).toBe(spent);
  });

  it("is false without headers at all", () => {
    expect(isDailyLimitSpent(undefined)).toBe(false);
  });
});
