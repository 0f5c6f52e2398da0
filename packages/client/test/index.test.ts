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
      "AuthenticationError",
      "BadRequestError",
      "ConnectionError",
      "DEFAULT_BULK_CONCURRENCY",
      "DEFAULT_OPTIONS",
      "HighLevelError",
      "HttpError",
      "MessageInterruptedError",
      "MessageSkippedError",
      "RateLimitError",
      "RateLimitStoreUnavailableError",
      "RateLimitWaitError",
      "ServerError",
      "TimeoutError",
      "UnexpectedResponseError",
      "ValidationError",
      "createHighLevelClient",
      "createMemoryStore",
      "createRateLimiter",
      "createRedisStore",
      "isAuthenticationError",
      "isBadRequestError",
      "isConnectionError",
      "isHighLevelError",
      "isHttpError",
      "isMessageInterruptedError",
      "isMessageSkippedError",
      "isRateLimitError",
      "isRateLimitStoreUnavailableError",
      "isRateLimitWaitError",
      "isServerError",
      "isTimeoutError",
      "isUnexpectedResponseError",
      "isValidationError",
      "keyForToken",
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
    // @ts-expect-error accessToken is required
    const noToken: ClientOptions = {};
    expect(noToken).toEqual({});
  });

  it("gives each error class a literal name and a literal status where there is one", () => {
    expectTypeOf<client.RateLimitError["name"]>().toEqualTypeOf<"RateLimitError">();
    expectTypeOf<client.RateLimitError["status"]>().toEqualTypeOf<429>();
    expectTypeOf<client.RateLimitError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<client.BadRequestError["status"]>().toEqualTypeOf<400>();
    expectTypeOf<client.TimeoutError["name"]>().toEqualTypeOf<"TimeoutError">();
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

  it("re-exports the limiter's own functions, so stores made from either package are the same thing", () => {
    expect(client.createRateLimiter).toBe(limiter.createRateLimiter);
    expect(client.createMemoryStore).toBe(limiter.createMemoryStore);
    expect(client.createRedisStore).toBe(limiter.createRedisStore);
    expect(client.keyForToken).toBe(limiter.keyForToken);
  });
});
