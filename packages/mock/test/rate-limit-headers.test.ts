import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { withConsistentRateLimitHeaders } from "../src/rate-limit-headers.js";
import { postMessage, VALID_BODY } from "./helpers.js";

interface Row {
  given: Record<string, string>;
  want: Record<string, string>;
}

const rows: [string, Row][] = [
  [
    "leaves consistent headers (the spec's examples) as they are",
    {
      given: { "X-RateLimit-Max": "100", "X-RateLimit-Remaining": "99", "Retry-After": "10" },
      want: { "X-RateLimit-Max": "100", "X-RateLimit-Remaining": "99", "Retry-After": "10" },
    },
  ],
  [
    "folds a remaining count above its limit into 0..limit",
    {
      given: { "X-RateLimit-Max": "100", "X-RateLimit-Remaining": "250" },
      want: { "X-RateLimit-Max": "100", "X-RateLimit-Remaining": "48" },
    },
  ],
  [
    "does the same for the daily pair",
    {
      given: { "X-RateLimit-Limit-Daily": "10", "X-RateLimit-Daily-Remaining": "11" },
      want: { "X-RateLimit-Limit-Daily": "10", "X-RateLimit-Daily-Remaining": "0" },
    },
  ],
  [
    "turns a Retry-After that is not a number of seconds into the interval's seconds",
    {
      given: { "Retry-After": "eiusmod aute", "X-RateLimit-Interval-Milliseconds": "2500" },
      want: { "Retry-After": "3", "X-RateLimit-Interval-Milliseconds": "2500" },
    },
  ],
  [
    "uses HighLevel's 10 s interval when the answer has none",
    { given: { "Retry-After": "soon" }, want: { "Retry-After": "10" } },
  ],
  [
    "leaves an answer without rate-limit headers alone",
    { given: { "X-Other": "1" }, want: { "X-Other": "1" } },
  ],
];

describe("withConsistentRateLimitHeaders", () => {
  it.each(rows)("%s", (_name, { given, want }) => {
    expect(withConsistentRateLimitHeaders(given)).toEqual(want);
  });
});

describe("the mock's generated rate-limit headers", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ log: false });
  });
  afterAll(() => mock.stop());

  // Unseeded: with a seed Prism draws every header from the same sequence, so each pair comes out equal.
  // Unseeded, each of 20 answers has a one-in-two chance of a remaining count above its limit.
  const attempts = Array.from({ length: 20 }, (_, index) => `answer ${index + 1}`);
  const numberOf = (headers: Headers, name: string) => Number(headers.get(name));

  it("never says more requests remain than the limit allows, in a 200 or a 429", async () => {
    for (const attempt of attempts) {
      for (const code of ["200", "429"]) {
        const { status, headers } = await postMessage(mock.url, VALID_BODY, {
          Prefer: `dynamic=true, code=${code}`,
        });
        expect(status).toBe(Number(code));
        const context = `${code}, ${attempt}`;
        expect(numberOf(headers, "x-ratelimit-remaining"), context).toBeLessThanOrEqual(
          numberOf(headers, "x-ratelimit-max"),
        );
        if (code === "200") {
          expect(numberOf(headers, "x-ratelimit-daily-remaining"), context).toBeLessThanOrEqual(
            numberOf(headers, "x-ratelimit-limit-daily"),
          );
        }
      }
    }
  });

  it("sends Retry-After as a whole number of seconds with a 429", async () => {
    for (const attempt of attempts) {
      const { headers } = await postMessage(mock.url, VALID_BODY, { Prefer: "dynamic=true, code=429" });
      expect(headers.get("retry-after"), attempt).toMatch(/^\d+$/);
    }
    const example = await postMessage(mock.url, VALID_BODY, { Prefer: "code=429" });
    expect(example.headers.get("retry-after")).toBe("10");
  });
});
