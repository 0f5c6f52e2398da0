import { describe, expect, it } from "vitest";
import { observationFromResponse, type RateLimitObservation } from "../src/index.js";

const now = Date.parse("2026-03-01T12:00:00Z");

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
    [
      "a 429 with a decimal Retry-After, as the client reads it",
      {
        given: { status: 429, headers: { "Retry-After": "1.5" } },
        want: { status: 429, retryAfterMs: 1500 },
      },
    ],
    ["a response without the headers", { given: { status: 201, headers: {} }, want: { status: 201 } }],
    [
      "malformed values, left out",
      {
        given: {
          status: 200,
          headers: {
            "X-RateLimit-Max": "lots",
            "X-RateLimit-Remaining": "",
            "X-RateLimit-Interval-Milliseconds": "-1",
            "Retry-After": "x",
          },
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
