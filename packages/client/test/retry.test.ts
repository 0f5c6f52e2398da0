import { parseRateLimitInfo } from "@ghl-inbound/limiter/rules";
import { describe, expect, it } from "vitest";
import type { HighLevelError } from "../src/errors.js";
import {
  ConnectionError,
  HttpError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  UnexpectedResponseError,
  ValidationError,
} from "../src/errors.js";
import { backoffDelayMs, decideRetry, type RetryDecision, type RetryPolicy } from "../src/retry.js";
import { answerOf, REQUEST } from "./helpers.js";

describe("backoffDelayMs", () => {
  it.each<[string, { retryIndex: number; random: number; want: number }]>([
    ["starts at 0.5 s without jitter", { retryIndex: 0, random: 0, want: 500 }],
    ["doubles", { retryIndex: 1, random: 0, want: 1_000 }],
    ["doubles again", { retryIndex: 2, random: 0, want: 2_000 }],
    ["caps at 8 s", { retryIndex: 10, random: 0, want: 8_000 }],
    ["removes at most 25 % as jitter", { retryIndex: 0, random: 1, want: 375 }],
    ["removes part of the capped delay", { retryIndex: 10, random: 0.5, want: 7_000 }],
  ])("%s", (_name, { retryIndex, random, want }) => {
    expect(backoffDelayMs(retryIndex, () => random)).toBe(want);
  });
});

const request = REQUEST;
const answer = (status: number, headers: Record<string, string> = {}) => answerOf(status, headers);
const rateLimited = (retryAfterMs: number | undefined, headers: Record<string, string> = {}) =>
  new RateLimitError(answer(429, headers), {
    retryAfterMs,
    rateLimit: parseRateLimitInfo(new Headers(headers)),
  });
const connectionError = (code: string, mayHaveBeenAdded: boolean, status?: number) =>
  new ConnectionError({ ...request, code, reason: "failed", mayHaveBeenAdded, status }, { cause: null });
const refused = connectionError("ECONNREFUSED", false);
const reset = connectionError("ECONNRESET", true);
const cutAfter200 = connectionError("UND_ERR_SOCKET", true, 200);
const timedOut = new RequestTimeoutError({ ...request, timeoutMs: 1_000 }, { cause: null });
const serverError = new ServerError(answer(503));

const SAFE: RetryPolicy = {
  maxRetries: 2,
  maxRetryAfterMs: 15_000,
  retryUnsafe: { serverError: false, timeout: false, connectionLost: false },
};
const UNSAFE: RetryPolicy = {
  ...SAFE,
  retryUnsafe: { serverError: true, timeout: true, connectionLost: true },
};
const retryAfter = (delayMs: number): RetryDecision => ({ shouldRetry: true, delayMs });
const stops = { shouldRetry: false };

describe("decideRetry", () => {
  it.each<[string, { error: HighLevelError; retriesDone?: number; policy?: RetryPolicy; want: unknown }]>([
    ["waits a short Retry-After on 429", { error: rateLimited(3_000), want: retryAfter(3_000) }],
    ["waits exactly maxRetryAfterMs", { error: rateLimited(15_000), want: retryAfter(15_000) }],
    ["stops on a Retry-After longer than maxRetryAfterMs", { error: rateLimited(15_001), want: stops }],
    ["backs off on 429 without Retry-After", { error: rateLimited(undefined), want: retryAfter(500) }],
    [
      "stops on 429 without Retry-After when the daily limit is spent",
      { error: rateLimited(undefined, { "x-ratelimit-daily-remaining": "0" }), want: stops },
    ],
    [
      "stops on 429 with a short Retry-After when the daily limit is spent",
      { error: rateLimited(10_000, { "x-ratelimit-daily-remaining": "0" }), want: stops },
    ],
    [
      "stops on 429 once maxRetries resends were made",
      { error: rateLimited(0), retriesDone: 2, want: stops },
    ],
    ["backs off after a refused connection", { error: refused, retriesDone: 1, want: retryAfter(1_000) }],
    ["stops after a reset by default", { error: reset, want: stops }],
    [
      "resends after a reset when connectionLost is opted in",
      { error: reset, policy: UNSAFE, want: retryAfter(500) },
    ],
    ["never resends a body cut short after an answer", { error: cutAfter200, policy: UNSAFE, want: stops }],
    ["does not resend a POST after a timeout by default", { error: timedOut, want: stops }],
    ["resends after a timeout when opted in", { error: timedOut, policy: UNSAFE, want: retryAfter(500) }],
    ["does not resend after a 5xx by default", { error: serverError, want: stops }],
    ["resends after a 5xx when opted in", { error: serverError, policy: UNSAFE, want: retryAfter(500) }],
    [
      "stops opted-in resends at maxRetries too",
      { error: serverError, policy: UNSAFE, retriesDone: 2, want: stops },
    ],
    ["never resends a 400", { error: new HttpError(answer(400), false), policy: UNSAFE, want: stops }],
    [
      "never resends an unexpected 2xx",
      { error: new UnexpectedResponseError(answer(201), ["empty body"]), policy: UNSAFE, want: stops },
    ],
    [
      "never resends an invalid body",
      { error: new ValidationError(request, []), policy: UNSAFE, want: stops },
    ],
  ])("%s", (_name, { error, retriesDone = 0, policy = SAFE, want }) => {
    expect(decideRetry(error, retriesDone, policy, () => 0)).toEqual(want);
  });
});
