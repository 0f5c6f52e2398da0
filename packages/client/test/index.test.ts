import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  AddInboundMessageResult,
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
      "DEFAULT_OPTIONS",
      "HighLevelError",
      "HttpError",
      "RateLimitError",
      "ServerError",
      "TimeoutError",
      "UnexpectedResponseError",
      "ValidationError",
      "createHighLevelClient",
      "isAuthenticationError",
      "isBadRequestError",
      "isConnectionError",
      "isHighLevelError",
      "isHttpError",
      "isRateLimitError",
      "isServerError",
      "isTimeoutError",
      "isUnexpectedResponseError",
      "isValidationError",
      "parseRetryAfterMs",
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
  });
});
