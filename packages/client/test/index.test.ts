import * as limiter from "@ghl-inbound/limiter";
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  AddInboundMessageResult,
  BulkResult,
  ClientOptions,
  HighLevelClient,
  InboundMessageRequest,
  InboundMessageResponse,
  RateLimitInfo,
} from "../src/index.js";
import * as client from "../src/index.js";

describe("the public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(client).sort()).toEqual([
      "AttemptRefusedError",
      "AuthenticationError",
      "BadRequestError",
      "ConnectionError",
      "DEFAULT_BULK_CONCURRENCY",
      "DEFAULT_OPTIONS",
      "HighLevelError",
      "HttpError",
      "MessageInterruptedError",
      "MessageSkippedError",
      "NotFoundError",
      "PermissionDeniedError",
      "RateLimitError",
      "RateLimitStoreUnavailableError",
      "RateLimitWaitError",
      "RequestTimeoutError",
      "ServerError",
      "UnexpectedResponseError",
      "UnprocessableEntityError",
      "ValidationError",
      "createHighLevelClient",
      "describeInboundMessageProblems",
      "findBaseUrlProblem",
      "isAttemptRefusedError",
      "isAuthenticationError",
      "isBadRequestError",
      "isConnectionError",
      "isHighLevelError",
      "isHttpError",
      "isMessageInterruptedError",
      "isMessageSkippedError",
      "isNotFoundError",
      "isPermissionDeniedError",
      "isRateLimitError",
      "isRateLimitStoreUnavailableError",
      "isRateLimitWaitError",
      "isRequestTimeoutError",
      "isServerError",
      "isUnexpectedResponseError",
      "isUnprocessableEntityError",
      "isValidationError",
      "parseRetryAfterMs",
      "sendInboundMessages",
      "validateInboundMessage",
    ]);
  });

  it("types the call from the spec: a body needs an id, the answer is the success body", () => {
    const instance = client.createHighLevelClient({ accessToken: "t" });
    expectTypeOf(instance).toEqualTypeOf<HighLevelClient>();
    expectTypeOf(instance.addInboundMessage).parameter(0).toEqualTypeOf<InboundMessageRequest>();
    expectTypeOf(instance.addInboundMessage).returns.resolves.toEqualTypeOf<InboundMessageResponse>();
    expectTypeOf(
      instance.addInboundMessageWithResponse,
    ).returns.resolves.toEqualTypeOf<AddInboundMessageResult>();
    expectTypeOf<AddInboundMessageResult["rateLimit"]>().toEqualTypeOf<RateLimitInfo>();
    // @ts-expect-error neither conversationId nor contactId
    expectTypeOf<{ type: "SMS"; conversationProviderId: string }>().toMatchTypeOf<InboundMessageRequest>();
    // accessToken may be left out (GHL_ACCESS_TOKEN is read) or undefined, as process.env gives it.
    const fromEnvironment: ClientOptions = { accessToken: process.env.GHL_ACCESS_TOKEN };
    expectTypeOf<ClientOptions["accessToken"]>().toEqualTypeOf<
      string | client.AccessTokenProvider | undefined
    >();
    expect(fromEnvironment).toBeTypeOf("object");
  });

  it("gives each error class a literal name and a literal status where there is one", () => {
    expectTypeOf<client.RateLimitError["name"]>().toEqualTypeOf<"RateLimitError">();
    expectTypeOf<client.RateLimitError["status"]>().toEqualTypeOf<429>();
    expectTypeOf<client.RateLimitError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<client.BadRequestError["status"]>().toEqualTypeOf<400>();
    expectTypeOf<client.PermissionDeniedError["status"]>().toEqualTypeOf<403>();
    expectTypeOf<client.NotFoundError["status"]>().toEqualTypeOf<404>();
    expectTypeOf<client.UnprocessableEntityError["status"]>().toEqualTypeOf<422>();
    expectTypeOf<client.UnprocessableEntityError["name"]>().toEqualTypeOf<"UnprocessableEntityError">();
    expectTypeOf<client.UnprocessableEntityError["messages"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<client.RequestTimeoutError["name"]>().toEqualTypeOf<"RequestTimeoutError">();
    expectTypeOf<client.RateLimitWaitError["name"]>().toEqualTypeOf<"RateLimitWaitError">();
    expectTypeOf<
      client.RateLimitStoreUnavailableError["name"]
    >().toEqualTypeOf<"RateLimitStoreUnavailableError">();
    expectTypeOf<client.MessageSkippedError["reason"]>().toEqualTypeOf<"aborted" | "stopped">();
  });

  it("types a bulk result so that data or error is reached only after checking ok", () => {
    expectTypeOf(client.sendInboundMessages).returns.resolves.toEqualTypeOf<BulkResult[]>();
    const narrow = (result: BulkResult) => {
      // @ts-expect-error data exists only once ok is known to be true
      expect(result.data).toBeDefined();
      if (result.ok) expectTypeOf(result.data).toEqualTypeOf<InboundMessageResponse>();
      else expectTypeOf(result.error).toEqualTypeOf<client.HighLevelError>();
    };
    expect(typeof narrow).toBe("function");
  });

  it("exports the limiter's rule for Retry-After itself, not a copy that could drift", () => {
    expect(client.parseRetryAfterMs("1.5")).toBe(limiter.parseRetryAfterMs("1.5"));
    expect(client.parseRetryAfterMs.toString()).toBe(limiter.parseRetryAfterMs.toString());
  });
});
