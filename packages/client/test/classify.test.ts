import { describe, expect, it } from "vitest";
import { BAD_PORT, errorFromFetchFailure, errorFromResponse, UNEXPECTED_REDIRECT } from "../src/classify.js";
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  HighLevelError,
  HttpError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  UnprocessableEntityError,
} from "../src/errors.js";
import { answerOf, REQUEST } from "./helpers.js";

const request = REQUEST;
const answer = answerOf;

describe("errorFromResponse: the one status -> class switch", () => {
  it.each<[number, abstract new (...args: never[]) => HighLevelError, string, boolean]>([
    [400, BadRequestError, "BadRequestError", false],
    [401, AuthenticationError, "AuthenticationError", false],
    [429, RateLimitError, "RateLimitError", false],
    [500, ServerError, "ServerError", true],
    [502, ServerError, "ServerError", true],
    [599, ServerError, "ServerError", true],
    [403, PermissionDeniedError, "PermissionDeniedError", false],
    [404, NotFoundError, "NotFoundError", false],
    [422, UnprocessableEntityError, "UnprocessableEntityError", false],
    [409, HttpError, "HttpError", false],
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

  it.each<[string, unknown, string[]]>([
    [
      "a list, as HighLevel's 422 sends it",
      {
        statusCode: 422,
        message: ["attachments must contain at least 1 elements", "attachments must be an array"],
        error: "Unprocessable Entity",
        traceId: "3f6e1f0c-5b7e-4c43-9d7b-0a9e6c2f1e11",
      },
      ["attachments must contain at least 1 elements", "attachments must be an array"],
    ],
    [
      "one string",
      { statusCode: 422, message: "type must be a valid enum value" },
      ["type must be a valid enum value"],
    ],
    ["no message", { statusCode: 422 }, []],
    ["a text body", "Unprocessable", []],
    ["a list with a non-string in it", { message: ["a", 1] }, ["a"]],
  ])("reads HighLevel's messages as a list from %s", (_name, body, messages) => {
    const error = errorFromResponse(answer(422, {}, body)) as UnprocessableEntityError;
    expect(error.messages).toEqual(messages);
    expect(error.body).toEqual(body);
  });

  it("reads the mock's violations beside the messages, keeping only well-formed ones", () => {
    const violation = {
      location: "body.attachments",
      code: "minItems",
      message: "attachments must contain at least 1 elements",
    };
    const body = {
      statusCode: 422,
      message: [violation.message],
      error: "Unprocessable Entity",
      traceId: "t",
      violations: [violation, { location: 1 }, null],
    };
    const error = errorFromResponse(answer(422, {}, body)) as UnprocessableEntityError;
    expect(error.messages).toEqual([violation.message]);
    expect(error.violations).toEqual([violation]);
    expect(
      (errorFromResponse(answer(422, {}, { message: ["x"] })) as UnprocessableEntityError).violations,
    ).toEqual([]);
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

  it.each([
    ["ECONNREFUSED", /could not connect: connection refused; nothing was sent \(ECONNREFUSED\)$/],
    ["ENOTFOUND", /could not connect: host name not found; nothing was sent \(ENOTFOUND\)$/],
    [
      "ECONNRESET",
      /lost the connection after the request was sent; the message may have been added \(ECONNRESET\)$/,
    ],
  ])("says in the message why after %s", (code, message) => {
    expect(errorFromFetchFailure(fetchFailed(withCode(code)), request).message).toMatch(message);
  });

  it("names undici's refusals that carry only words: a bad port (not sent) and a redirect (may be added)", () => {
    const badPort = errorFromFetchFailure(fetchFailed(new Error("bad port")), request);
    expect(badPort).toMatchObject({ code: BAD_PORT, mayHaveBeenAdded: false });
    expect(badPort.message).toMatch(
      /could not connect: fetch never connects to this port \(a Fetch standard bad port\); nothing was sent/,
    );
    const redirect = errorFromFetchFailure(fetchFailed(new Error("unexpected redirect")), request);
    expect(redirect).toMatchObject({ code: UNEXPECTED_REDIRECT, mayHaveBeenAdded: true });
    expect(redirect.message).toMatch(/redirect, which is not followed .*; the message may have been added/);
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
