import { describe, expect, it } from "vitest";
import { observationFromResponse, parseRetryAfterMs, type RateLimitObservation } from "../src/index.js";

const now = Date.parse("2026-03-01T12:00:00Z");

describe("parseRetryAfterMs", () => {
  const cases: [string, { given: string | null; want: number | undefined }][] = [
    ["delay-seconds", { given: "7", want: 7000 }],
    ["zero seconds", { given: "0", want: 0 }],
    ["seconds with spaces", { given: " 12 ", want: 12_000 }],
    ["an HTTP date in the future", { given: "Sun, 01 Mar 2026 12:00:30 GMT", want: 30_000 }],
    ["an HTTP date in the past, as now", { given: "Sun, 01 Mar 2026 11:00:00 GMT", want: 0 }],
    ["no header", { given: null, want: undefined }],
    ["negative seconds", { given: "-5", want: undefined }],
    ["fractional seconds", { given: "1.5", want: undefined }],
    ["a bare number as seconds, never as a year", { given: "2027", want: 2_027_000 }],
    ["garbage", { given: "soon", want: undefined }],
  ];
  it.each(cases)("reads %s", (_name, { given, want }) => {
    expect(parseRetryAfterMs(given, now)).toBe(want);
  });
});

describe("observationFromResponse", () => {
  const cases: [
    string,
    { given: { status: number; headers: Record<string, string> }; want: RateLimitObservation },
  ][] = [
    [
      "HighLevel's headers on a success",
      {
        given: {
          status: 200,
          headers: {
            "X-RateLimit-Max": "100",
            "X-RateLimit-Remaining": "42",
            "X-RateLimit-Interval-Milliseconds": "10000",
            "X-RateLimit-Limit-Daily": "200000",
            "X-RateLimit-Daily-Remaining": "199000",
          },
        },
        want: { status: 200, limit: 100, remaining: 42, intervalMs: 10_000 },
      },
    ],
    [
      "a 429 with Retry-After",
      {
        given: { status: 429, headers: { "Retry-After": "3", "X-RateLimit-Remaining": "0" } },
        want: { status: 429, remaining: 0, retryAfterMs: 3000 },
      },
    ],
    ["a response without the headers", { given: { status: 201, headers: {} }, want: { status: 201 } }],
    [
      "malformed values, left out",
      {
        given: {
          status: 200,
          headers: { "X-RateLimit-Max": "lots", "X-RateLimit-Remaining": "", "Retry-After": "x" },
        },
        want: { status: 200 },
      },
    ],
  ];
  it.each(cases)("reads %s", (_name, { given, want }) => {
    const response = new Response(null, { status: given.status, headers: given.headers });
    expect(observationFromResponse(response, now)).toEqual(want);
  });
});
