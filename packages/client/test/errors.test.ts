import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../src/classify.js";
import {
  ConnectionError,
  type HighLevelError,
  MessageInterruptedError,
  MessageSkippedError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  RequestTimeoutError,
  ValidationError,
} from "../src/errors.js";
import { answerOf, REQUEST } from "./helpers.js";

const request = REQUEST;
const answer = answerOf;

describe("every error", () => {
  const errors: HighLevelError[] = [
    errorFromResponse(answer(400)),
    errorFromResponse(answer(429)),
    errorFromResponse(answer(201), ["empty body"]),
    new RequestTimeoutError({ ...request, timeoutMs: 5 }, { cause: new DOMException("t", "TimeoutError") }),
    new ConnectionError(
      { ...request, code: "ECONNRESET", reason: "lost the connection", mayHaveBeenAdded: true },
      { cause: new Error("x") },
    ),
    new ValidationError(request, [{ path: "/type", message: "is required" }]),
    new RateLimitWaitError(
      { ...request, key: "loc-1", waitedMs: 10, retryInMs: 900, maxWaitMs: 0 },
      { cause: new Error("x") },
    ),
    new RateLimitStoreUnavailableError(
      { ...request, key: "loc-1", timeoutMs: undefined, reason: "failed with Error ECONNREFUSED" },
      { cause: new Error("x") },
    ),
    new MessageSkippedError({ ...request, reason: "aborted" }, { cause: new Error("x") }),
    new MessageInterruptedError({ ...request, isAborted: true }, { cause: new Error("x") }),
  ];

  it.each(errors.map((error) => [error.name, error] as const))(
    "%s keeps its name in String() and in JSON",
    (name, error) => {
      expect(String(error).startsWith(`${name}: `)).toBe(true);
      expect(error.stack?.startsWith(`${name}: `)).toBe(true);
      const json = JSON.parse(JSON.stringify(error));
      expect(json).toMatchObject({
        name,
        message: error.message,
        method: "POST",
        mayHaveBeenAdded: error.mayHaveBeenAdded,
      });
    },
  );

  it("keeps the cause it was given", () => {
    const cause = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(new RequestTimeoutError({ ...request, timeoutMs: 5 }, { cause }).cause).toBe(cause);
  });
});

describe("errors of the rate limiter and of bulk sending", () => {
  it.each<[string, HighLevelError, boolean, RegExp]>([
    [
      "RateLimitWaitError",
      new RateLimitWaitError(
        { ...request, key: "loc-1", waitedMs: 10, retryInMs: 900.4, maxWaitMs: 0 },
        { cause: null },
      ),
      false,
      /^POST \/conversations\/messages\/inbound was not sent: no rate-limit slot for key "loc-1" within maxWaitMs 0 \(the next one is 900 ms away\)$/,
    ],
    [
      "RateLimitStoreUnavailableError",
      new RateLimitStoreUnavailableError(
        { ...request, key: "loc-1", timeoutMs: 2000, reason: "no answer within storeTimeoutMs 2000" },
        { cause: null },
      ),
      false,
      /was not sent: the rate-limit store is unavailable \(no answer within storeTimeoutMs 2000\)$/,
    ],
    [
      "MessageSkippedError",
      new MessageSkippedError({ ...request, reason: "stopped" }, { cause: null }),
      false,
      /was not sent: the bulk send stopped after another message failed \(stopOnError\)$/,
    ],
    [
      "MessageInterruptedError",
      new MessageInterruptedError({ ...request, isAborted: false }, { cause: new RangeError("pit-secret") }),
      true,
      /was interrupted by a RangeError before the answer was known; the message may have been added$/,
    ],
  ])("%s says whether the message may have been added and what happened", (name, error, added, message) => {
    expect(error.name).toBe(name);
    expect(error.status).toBeUndefined();
    expect(error.mayHaveBeenAdded).toBe(added);
    expect(error.message).toMatch(message);
  });

  it("never copies the message of what interrupted a send (a token function's error may quote the token)", () => {
    const cause = new Error("refresh failed for pit-3f9c2b7e-SECRET");
    const error = new MessageInterruptedError({ ...request, isAborted: false }, { cause });
    expect(error.message).not.toContain("SECRET");
    expect(error.cause).toBe(cause);
  });
});
