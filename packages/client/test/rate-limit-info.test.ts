import { describe, expect, it } from "vitest";
import { parseRateLimitInfo } from "../src/rate-limit-info.js";

describe("parseRateLimitInfo", () => {
  it.each<[string, { given: Record<string, string>; want: Record<string, number | undefined> }]>([
    [
      "reads every header HighLevel documents",
      {
        given: {
          "X-RateLimit-Remaining": "99",
          "X-RateLimit-Max": "100",
          "X-RateLimit-Interval-Milliseconds": "10000",
          "X-RateLimit-Limit-Daily": "200000",
          "X-RateLimit-Daily-Remaining": "199999",
        },
        want: { remaining: 99, max: 100, intervalMs: 10_000, dailyLimit: 200_000, dailyRemaining: 199_999 },
      },
    ],
    ["reads zero", { given: { "x-ratelimit-remaining": "0" }, want: { remaining: 0 } }],
    ["leaves a missing header undefined", { given: {}, want: { remaining: undefined, max: undefined } }],
    [
      "leaves a non-number undefined",
      { given: { "x-ratelimit-remaining": "lots" }, want: { remaining: undefined } },
    ],
    ["leaves a negative number undefined", { given: { "x-ratelimit-max": "-1" }, want: { max: undefined } }],
    ["leaves a fraction undefined", { given: { "x-ratelimit-max": "1.5" }, want: { max: undefined } }],
  ])("%s", (_name, { given, want }) => {
    expect(parseRateLimitInfo(new Headers(given))).toMatchObject(want);
  });
});
