import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  errorFromFetchFailure,
  errorFromResponse,
  HighLevelError,
  HttpError,
  MessageInterruptedError,
  MessageSkippedError,
  RateLimitError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
} from "../src/errors.js";

const request = {
  method: "POST",
  url: "https://services.leadconnectorhq.com/conversations/messages/inbound",
};
const answer = (status: number, headers: Record<string, string> = {}, body: unknown = undefined) => ({
  ...request,
  status,
  statusText: "Reason",
  body,
  headers,
});

describe("errorFromResponse: the one status -> class switch", () => {
  it.each<[number, abstract new (...args: never[]) => HighLevelError, string, boolean]>([
    [400, BadRequestError, "BadRequestError", false],
    [401, AuthenticationError, "AuthenticationError", false],
    [429, RateLimitError, "RateLimitError", false],
    [500, ServerError, "ServerError", true],
    [502, ServerError, "ServerError", true],
    [599, ServerError, "ServerError", true],
    [403, HttpError, "HttpError", false],
    [404, HttpError, "HttpError", false],
    [422, HttpError, "HttpError", false],
    [302, HttpError, "HttpError", true],
    [201, UnexpectedResponseError, "UnexpectedResponseError", true],
    [204, UnexpectedResponseError, "UnexpectedResponseError", true],
  ])("maps %i to %o named %s (mayHaveBeenAdded %s)", (status, Class, name, mayHaveBeenAdded) => {
    const error = errorFromResponse(answer(status));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(HighLevelError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(error.mayHaveBeenAdded).toBe(mayHaveBeenAdded);
    expect(String(error)).toMatch(new RegExp(`^${name}: POST /conversations/messages/inbound .*${status}`));
  });

  it("reads Retry-After into RateLimitError.retryAfterMs and the rate-limit headers into rateLimit", () => {
    const error = errorFromResponse(
      answer(429, { "retry-after": "7", "x-ratelimit-remaining": "0" }),
    ) as RateLimitError;
    expect(error.retryAfterMs).toBe(7_000);
    expect(error.rateLimit.remaining).toBe(0);
    expect(error.message).toContain("retry after 7 s");
  });

  it("keeps the status, parsed body and headers", () => {
    const body = { statusCode: 400, message: "Bad Request" };
    const error = errorFromResponse(answer(400, { "x-request-id": "r1" }, body));
    expect(error.body).toEqual(body);
    expect(error.headers).toEqual({ "x-request-id": "r1" });
  });

  it("names the method, path, status and reason, and not the body, in the message", () => {
    const error = errorFromResponse(answer(400, {}, { message: "private message text" }));
    expect(error.message).toBe("POST /conversations/messages/inbound failed: 400 Reason");
  });
});

describe("errorFromFetchFailure", () => {
  const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ["ECONNREFUSED", false],
    ["ENOTFOUND", false],
    ["EAI_AGAIN", false],
    ["UND_ERR_CONNECT_TIMEOUT", false],
    ["ECONNRESET", true],
    ["UND_ERR_SOCKET", true],
    ["EPIPE", true],
  ])("says whether the message may have been added after %s: %s", (code, mayHaveBeenAdded) => {
    const cause = fetchFailed(withCode(code));
    const error = errorFromFetchFailure(cause, request);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe(code);
    expect(error.mayHaveBeenAdded).toBe(mayHaveBeenAdded);
    expect(error.cause).toBe(cause);
  });

  it("finds the code inside an AggregateError (several addresses tried)", () => {
    const aggregate = Object.assign(
      new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]),
      {},
    );
    expect(errorFromFetchFailure(fetchFailed(aggregate), request).code).toBe("ECONNREFUSED");
  });

  it("assumes the worst about a failure it cannot read", () => {
    const error = errorFromFetchFailure(new Error("something odd"), request);
    expect(error.code).toBeUndefined();
    expect(error.mayHaveBeenAdded).toBe(true);
  });

  it("treats any failure after an answer's headers as possibly added, even a refusal code", () => {
    expect(errorFromFetchFailure(fetchFailed(withCode("ECONNREFUSED")), request, 200).mayHaveBeenAdded).toBe(
      true,
    );
  });
});

describe("every error", () => {
  const errors: HighLevelError[] = [
    errorFromResponse(answer(400)),
    errorFromResponse(answer(429)),
    errorFromResponse(answer(201), ["empty body"]),
    new TimeoutError({ ...request, timeoutMs: 5 }, { cause: new DOMException("t", "TimeoutError") }),
    new ConnectionError(
      { ...request, code: "ECONNRESET", mayHaveBeenAdded: true },
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
    expect(new TimeoutError({ ...request, timeoutMs: 5 }, { cause }).cause).toBe(cause);
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
