import { createServer } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  type ClientOptions,
  ConnectionError,
  createHighLevelClient,
  HighLevelError,
  HttpError,
  isNotFoundError,
  isPermissionDeniedError,
  isUnprocessableEntityError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestEvent,
  RequestTimeoutError,
  type ResponseEvent,
  type RetryEvent,
  ServerError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  ValidationError,
} from "../src/index.js";
import {
  advanceThroughRetryWait,
  fakeClientTimers,
  getClosedPort,
  hangThenAdvance,
  type MisbehavingServer,
  rejectionOf,
  SMS,
  type Step,
  SUCCESS,
  startMisbehavingServer,
  TOKEN,
} from "./helpers.js";

let server: MisbehavingServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

async function serve(script: Step | Step[]): Promise<MisbehavingServer> {
  server = await startMisbehavingServer(script);
  return server;
}

function clientFor(target: MisbehavingServer, options: Partial<ClientOptions> = {}) {
  return createHighLevelClient({ accessToken: TOKEN, baseUrl: target.url, timeoutMs: 2_000, ...options });
}

describe("a successful send", () => {
  it("posts the body as given with the bearer token, the Version header and a JSON content type", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const data = await clientFor(target).addInboundMessage(SMS);

    expect(data).toEqual(SUCCESS);
    expect(target.requests).toHaveLength(1);
    const [request] = target.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/conversations/messages/inbound");
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.version).toBe("2021-04-15");
    expect(request?.headers["content-type"]).toMatch(/^application\/json/);
    expect(request?.headers["user-agent"]).toMatch(/^ghl-inbound-client\//);
    expect(JSON.parse(request?.body ?? "")).toEqual(SMS);
  });

  it("accepts a 201 that carries the documented body", async () => {
    const target = await serve({ status: 201, json: SUCCESS });
    await expect(clientFor(target).addInboundMessage(SMS)).resolves.toEqual(SUCCESS);
  });

  it("keeps a base URL's path prefix and sends the configured user agent", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const client = createHighLevelClient({
      accessToken: TOKEN,
      baseUrl: `${target.url}/proxy/`,
      userAgent: "my-service/1.2",
    });
    await client.addInboundMessage(SMS);
    expect(target.requests[0]?.url).toBe("/proxy/conversations/messages/inbound");
    expect(target.requests[0]?.headers["user-agent"]).toBe("my-service/1.2");
  });

  it("returns the raw Response and the rate-limit headers as numbers alongside the data", async () => {
    const target = await serve({
      status: 200,
      json: SUCCESS,
      headers: {
        "X-RateLimit-Remaining": "97",
        "X-RateLimit-Max": "100",
        "X-RateLimit-Interval-Milliseconds": "10000",
        "X-RateLimit-Limit-Daily": "200000",
        "X-RateLimit-Daily-Remaining": "199876",
        "X-RateLimit-Daily-Reset": "3600000",
      },
    });
    const { data, response, rateLimit } = await clientFor(target).addInboundMessageWithResponse(SMS);
    expect(data).toEqual(SUCCESS);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("97");
    expect(rateLimit).toEqual({
      remaining: 97,
      max: 100,
      intervalMs: 10_000,
      dailyLimit: 200_000,
      dailyRemaining: 199_876,
      dailyResetMs: 3_600_000,
    });
  });

  it("reports absent rate-limit headers as undefined", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const { rateLimit } = await clientFor(target).addInboundMessageWithResponse(SMS);
    expect(rateLimit).toEqual({
      remaining: undefined,
      max: undefined,
      intervalMs: undefined,
      dailyLimit: undefined,
      dailyRemaining: undefined,
      dailyResetMs: undefined,
    });
  });

  it("calls a token function for every request", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const calls: boolean[] = [];
    const client = clientFor(target, {
      accessToken: async ({ refresh }) => {
        calls.push(refresh);
        return `${TOKEN}-${calls.length}`;
      },
    });
    await client.addInboundMessage(SMS);
    await client.addInboundMessage(SMS);
    expect(calls).toEqual([false, false]);
    expect(target.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${TOKEN}-1`,
      `Bearer ${TOKEN}-2`,
    ]);
  });
});

describe("a 2xx that is not the documented success", () => {
  it.each([
    [
      "a 201 with an empty body (Content-Length: 0), as HighLevel sent in issue #70",
      { status: 201 },
      "empty body",
    ],
    ["a 201 with an empty chunked body", { status: 201, chunked: true }, "empty body"],
    ["a 200 with an empty body", { status: 200 }, "empty body"],
    ["a 200 whose body is not JSON", { status: 200, text: "<html>OK</html>" }, "body is not JSON"],
    [
      "a 200 without messageId",
      { status: 200, json: { ...SUCCESS, messageId: undefined } },
      "/messageId is required",
    ],
    [
      "a 200 saying success: false",
      { status: 200, json: { ...SUCCESS, success: false } },
      "/success must be equal to constant",
    ],
    ["a 202 with the documented body", { status: 202, json: SUCCESS }, "status 202 is neither 200 nor 201"],
  ] as const)(
    "rejects %s with UnexpectedResponseError and does not send again",
    async (_name, reply, issue) => {
      const target = await serve(reply);
      const error = await rejectionOf(clientFor(target).addInboundMessage(SMS));
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      const unexpected = error as UnexpectedResponseError;
      expect(unexpected.status).toBe(reply.status);
      expect(unexpected.issues).toContain(issue);
      expect(unexpected.mayHaveBeenAdded).toBe(true);
      expect(unexpected.message).toContain(String(reply.status));
      expect(target.requests).toHaveLength(1);
    },
  );

  it("keeps the JSON parse failure of a non-JSON 200 as the cause", async () => {
    const target = await serve({ status: 200, text: "not json" });
    const error = (await rejectionOf(clientFor(target).addInboundMessage(SMS))) as UnexpectedResponseError;
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.body).toBe("not json");
  });
});

describe("error answers", () => {
  it("turns a 400 into BadRequestError with the parsed body and the headers, sent once", async () => {
    const body = { statusCode: 400, message: "conversationProviderId must be a mongodb id" };
    const target = await serve({ status: 400, json: body, headers: { "X-Request-Id": "req-1" } });
    const error = await rejectionOf(clientFor(target).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toBeInstanceOf(HighLevelError);
    const badRequest = error as BadRequestError;
    expect(badRequest.name).toBe("BadRequestError");
    expect(badRequest.status).toBe(400);
    expect(badRequest.body).toEqual(body);
    expect(badRequest.headers["x-request-id"]).toBe("req-1");
    expect(badRequest.mayHaveBeenAdded).toBe(false);
    expect(badRequest.message).toBe("POST /conversations/messages/inbound failed: 400 Bad Request");
    expect(target.requests).toHaveLength(1);
  });

  it("keeps a body that is not JSON as text", async () => {
    const target = await serve({ status: 400, text: "Bad Request" });
    const error = (await rejectionOf(clientFor(target).addInboundMessage(SMS))) as BadRequestError;
    expect(error.body).toBe("Bad Request");
  });

  it("turns a 401 with a string token into AuthenticationError without resending", async () => {
    const body = { statusCode: 401, message: "Invalid JWT", error: "Unauthorized" };
    const target = await serve({ status: 401, json: body });
    const error = await rejectionOf(clientFor(target).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toEqual(body);
    expect(target.requests).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])("turns a %i into ServerError and sends it only once", async (status) => {
    const target = await serve({ status, json: { statusCode: status, message: "Internal server error" } });
    const error = await rejectionOf(clientFor(target).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(status);
    expect((error as ServerError).mayHaveBeenAdded).toBe(true);
    expect(target.requests).toHaveLength(1);
  });

  // Bodies in HighLevel's shape (NestJS): a 422 lists every rule the body broke
  // (GoHighLevel/ghl-marketplace-app-template#11, UnprocessableDTO in HighLevel's common schemas).
  it.each([
    [
      422,
      UnprocessableEntityError,
      isUnprocessableEntityError,
      {
        statusCode: 422,
        message: ["attachments must contain at least 1 elements", "attachments must be an array"],
        error: "Unprocessable Entity",
        traceId: "4c3f7a2e-2b1d-4e0a-9f6c-8d5e1b7a9c30",
      },
      ["attachments must contain at least 1 elements", "attachments must be an array"],
    ],
    [
      422,
      UnprocessableEntityError,
      isUnprocessableEntityError,
      { statusCode: 422, message: "type must be one of the following values", error: "Unprocessable Entity" },
      ["type must be one of the following values"],
    ],
    [
      403,
      PermissionDeniedError,
      isPermissionDeniedError,
      { statusCode: 403, message: "The token does not have access to this location.", error: "Forbidden" },
      ["The token does not have access to this location."],
    ],
    [
      404,
      NotFoundError,
      isNotFoundError,
      { statusCode: 404, message: "Conversation not found", error: "Not Found" },
      ["Conversation not found"],
    ],
  ] as const)(
    "turns a %i into its own class with HighLevel's messages as a list, never sent again",
    async (status, ErrorClass, guard, body, messages) => {
      const target = await serve({ status, json: body });
      const client = clientFor(target, { maxRetries: 5, retryUnsafe: true });
      const error = await rejectionOf(client.addInboundMessage(SMS));
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(HttpError);
      expect(guard(error)).toBe(true);
      expect(error).toMatchObject({ name: ErrorClass.name, status, body, messages, mayHaveBeenAdded: false });
      expect((error as HttpError).message).toMatch(
        new RegExp(`^POST /conversations/messages/inbound failed: ${status} `),
      );
      expect(target.requests).toHaveLength(1);
    },
  );

  it("turns a status without a class of its own (409) into HttpError", async () => {
    const target = await serve({ status: 409, json: { message: "Conflict" } });
    const error = await rejectionOf(clientFor(target).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).name).toBe("HttpError");
    expect((error as HttpError).status).toBe(409);
    expect((error as HttpError).messages).toEqual(["Conflict"]);
  });

  it("does not follow a redirect, which would carry the token elsewhere", async () => {
    const target = await serve([
      { status: 307, headers: { Location: "/elsewhere" } },
      { status: 200, json: SUCCESS },
    ]);
    const error = await rejectionOf(clientFor(target).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe("UNEXPECTED_REDIRECT");
    expect((error as ConnectionError).mayHaveBeenAdded).toBe(true);
    expect((error as ConnectionError).message).toMatch(/redirect, which is not followed/);
    expect(target.requests).toHaveLength(1);
  });
});

describe("429 and Retry-After", () => {
  /** Writes each retry down, and moves the fake clock (fakeClientTimers) through its wait. */
  function waitedOut(retries: RetryEvent[]) {
    return (event: RetryEvent) => {
      retries.push(event);
      advanceThroughRetryWait(event);
    };
  }

  it("waits a short Retry-After in seconds, then sends again", async () => {
    fakeClientTimers();
    const target = await serve([
      {
        status: 429,
        headers: { "Retry-After": "1" },
        json: { statusCode: 429, message: "Too many requests" },
      },
      { status: 200, json: SUCCESS },
    ]);
    const retries: RetryEvent[] = [];
    const data = await clientFor(target, { onRetry: waitedOut(retries) }).addInboundMessage(SMS);
    expect(data).toEqual(SUCCESS);
    expect(target.requests).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.delayMs).toBe(1_000);
    expect(retries[0]?.error).toBeInstanceOf(RateLimitError);
    expect(retries[0]?.attempt).toBe(1);
  });

  it("waits a short Retry-After given as an HTTP date", async () => {
    // A whole second, as an HTTP date has: the date is exactly 2 s ahead of the Date the client reads.
    fakeClientTimers({ now: Date.UTC(2026, 0, 1) });
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    const target = await serve([
      { status: 429, headers: { "Retry-After": inTwoSeconds } },
      { status: 200, json: SUCCESS },
    ]);
    const retries: RetryEvent[] = [];
    await clientFor(target, { onRetry: waitedOut(retries) }).addInboundMessage(SMS);
    expect(target.requests).toHaveLength(2);
    expect(retries[0]?.delayMs).toBe(2_000);
  });

  it("fails at once with retryAfterMs when Retry-After is longer than maxRetryAfterMs", async () => {
    const target = await serve({
      status: 429,
      headers: { "Retry-After": "3600", "X-RateLimit-Remaining": "0" },
    });
    const error = await rejectionOf(clientFor(target).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimited = error as RateLimitError;
    expect(rateLimited.retryAfterMs).toBe(3_600_000);
    expect(rateLimited.rateLimit.remaining).toBe(0);
    expect(rateLimited.mayHaveBeenAdded).toBe(false);
    expect(target.requests).toHaveLength(1);
  });

  it("fails at once when the Retry-After date is hours away", async () => {
    fakeClientTimers({ now: Date.UTC(2026, 0, 1) });
    const inTwoHours = new Date(Date.now() + 2 * 3_600_000).toUTCString();
    const target = await serve({ status: 429, headers: { "Retry-After": inTwoHours } });
    const error = (await rejectionOf(clientFor(target).addInboundMessage(SMS))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(7_200_000);
    expect(target.requests).toHaveLength(1);
  });

  it("gives up after maxRetries resends and throws the last RateLimitError", async () => {
    const target = await serve({ status: 429, headers: { "Retry-After": "0" } });
    const error = await rejectionOf(clientFor(target, { maxRetries: 3 }).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(0);
    expect(target.requests).toHaveLength(4);
  });

  it("does not resend a 429 when maxRetries is 0", async () => {
    const target = await serve({ status: 429, headers: { "Retry-After": "0" } });
    await expect(clientFor(target, { maxRetries: 0 }).addInboundMessage(SMS)).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(target.requests).toHaveLength(1);
  });

  it("backs off without Retry-After, and stops when the daily limit is spent", async () => {
    fakeClientTimers();
    const target = await serve([
      { status: 429 },
      { status: 429, headers: { "X-RateLimit-Daily-Remaining": "0" } },
    ]);
    const retries: RetryEvent[] = [];
    const error = await rejectionOf(
      clientFor(target, { onRetry: waitedOut(retries) }).addInboundMessage(SMS),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
    expect(retries.map((event) => event.delayMs)).toEqual([expect.any(Number)]);
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(375);
    expect(retries[0]?.delayMs).toBeLessThanOrEqual(500);
    expect(target.requests).toHaveLength(2);
  });
});

describe("failures after the request went out are not resent by default", () => {
  it("times out a hanging server with RequestTimeoutError and sends only once", async () => {
    fakeClientTimers();
    const target = await serve(hangThenAdvance(300));
    const error = await rejectionOf(clientFor(target, { timeoutMs: 300 }).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toBeInstanceOf(HighLevelError);
    const timeout = error as RequestTimeoutError;
    expect(timeout.timeoutMs).toBe(300);
    expect(timeout.mayHaveBeenAdded).toBe(true);
    expect(timeout.message).toContain("timed out after 300 ms");
    expect((timeout.cause as Error).name).toBe("TimeoutError"); // the platform's DOMException, kept as cause
    expect(target.requests).toHaveLength(1);
  });

  it("applies a per-call timeoutMs", async () => {
    // The fake clock moves 200 ms: the client's own 30 s would never end the call.
    fakeClientTimers();
    const target = await serve(hangThenAdvance(200));
    const error = await rejectionOf(
      clientFor(target, { timeoutMs: 30_000 }).addInboundMessage(SMS, { timeoutMs: 200 }),
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).timeoutMs).toBe(200);
  });

  it("times out when the headers arrive but the body stalls", async () => {
    fakeClientTimers();
    const target = await serve("headers-then-hang");
    const client = clientFor(target, {
      timeoutMs: 300,
      // Once the headers are in: the time out is the stalled body's.
      onResponse: () => void setImmediate(() => vi.advanceTimersByTime(300)),
    });
    const error = await rejectionOf(client.addInboundMessage(SMS));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(target.requests).toHaveLength(1);
  });

  it("reports a connection reset after the request was received as ConnectionError, sent once", async () => {
    const target = await serve("reset");
    const error = await rejectionOf(clientFor(target).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(ConnectionError);
    const connection = error as ConnectionError;
    expect(connection.mayHaveBeenAdded).toBe(true);
    expect(connection.status).toBeUndefined();
    expect(connection.cause).toBeInstanceOf(TypeError);
    expect(target.requests).toHaveLength(1);
  });

  it("reports a body cut short after a 200 as ConnectionError with that status, sent once", async () => {
    const target = await serve("headers-then-reset");
    const error = await rejectionOf(clientFor(target, { retryUnsafe: true }).addInboundMessage(SMS));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).status).toBe(200);
    expect((error as ConnectionError).mayHaveBeenAdded).toBe(true);
    expect(target.requests).toHaveLength(1);
  });
});

describe("retryUnsafe: resending what may have been added, on request", () => {
  it("resends after a 5xx when serverError is opted in", async () => {
    const target = await serve([{ status: 503 }, { status: 500 }, { status: 200, json: SUCCESS }]);
    const data = await clientFor(target, { retryUnsafe: { serverError: true } }).addInboundMessage(SMS);
    expect(data).toEqual(SUCCESS);
    expect(target.requests).toHaveLength(3);
  });

  it("resends after a timeout when timeout is opted in, but not after a 5xx", async () => {
    // The clock moves only for the hang and the wait before the resend: the 500 cannot time out.
    fakeClientTimers();
    const target = await serve([hangThenAdvance(1_000), { status: 500 }]);
    const client = clientFor(target, {
      timeoutMs: 1_000,
      retryUnsafe: { timeout: true },
      onRetry: advanceThroughRetryWait,
    });
    const error = await rejectionOf(client.addInboundMessage(SMS));
    expect(error).toBeInstanceOf(ServerError);
    expect(target.requests).toHaveLength(2);
  });

  it("resends after a connection reset when connectionLost is opted in", async () => {
    const target = await serve(["reset", { status: 200, json: SUCCESS }]);
    await clientFor(target, { retryUnsafe: { connectionLost: true } }).addInboundMessage(SMS);
    expect(target.requests).toHaveLength(2);
  });

  it("still stops after maxRetries", async () => {
    const target = await serve({ status: 500 });
    await expect(
      clientFor(target, { retryUnsafe: true, maxRetries: 1 }).addInboundMessage(SMS),
    ).rejects.toBeInstanceOf(ServerError);
    expect(target.requests).toHaveLength(2);
  });
});

describe("a request that never left", () => {
  // Real refusals, nothing mocked: a port fetch will not use, a closed port, a name that cannot resolve
  // (.invalid is reserved, RFC 2606). None of them reached a server, so none may have added the message.
  it.each<[string, () => string | Promise<string>, string | RegExp, RegExp]>([
    ["a port fetch refuses (1)", () => "http://127.0.0.1:1", "BAD_PORT", /fetch never connects to this port/],
    [
      "another bad port (6000)",
      () => "http://localhost:6000",
      "BAD_PORT",
      /fetch never connects to this port/,
    ],
    [
      "a closed port",
      async () => `http://127.0.0.1:${await getClosedPort()}`,
      "ECONNREFUSED",
      /connection refused/,
    ],
    [
      "a host name that does not resolve",
      () => "https://ghl-inbound-test.invalid",
      /^(ENOTFOUND|EAI_AGAIN)$/,
      /host name (not found|lookup failed)/,
    ],
  ])(
    "to %s is a ConnectionError with mayHaveBeenAdded false that says nothing was sent",
    async (_name, baseUrlOf, code, reason) => {
      const client = createHighLevelClient({ accessToken: TOKEN, baseUrl: await baseUrlOf(), maxRetries: 0 });
      const error = await rejectionOf(client.addInboundMessage(SMS));
      expect(error).toBeInstanceOf(ConnectionError);
      const connection = error as ConnectionError;
      expect(connection.code).toMatch(code);
      expect(connection.mayHaveBeenAdded).toBe(false);
      expect(connection.message).toMatch(reason);
      expect(connection.message).toMatch(/could not connect: .*; nothing was sent \(/);
      expect(connection.message).not.toMatch(/may have been added|after the request was sent/);
    },
  );
});

describe("connection refused", () => {
  it("fails with ConnectionError saying nothing was sent, after maxRetries backed-off attempts", async () => {
    const port = await getClosedPort();
    const retries: RetryEvent[] = [];
    const client = createHighLevelClient({
      accessToken: TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 1,
      onRetry: (event) => void retries.push(event),
    });
    const error = await rejectionOf(client.addInboundMessage(SMS));
    expect(error).toBeInstanceOf(ConnectionError);
    const connection = error as ConnectionError;
    expect(connection.code).toBe("ECONNREFUSED");
    expect(connection.mayHaveBeenAdded).toBe(false);
    expect(connection.message).toContain("nothing was sent");
    expect(connection.cause).toBeInstanceOf(TypeError);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toBeInstanceOf(ConnectionError);
  });

  it("succeeds when the server comes up during the backoff", async () => {
    const port = await getClosedPort();
    let received = 0;
    const late = createServer((_request, response) => {
      received += 1;
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(SUCCESS));
    });
    try {
      // The backoff ends once the server listens, however long that takes: it is on the fake clock.
      fakeClientTimers();
      const client = createHighLevelClient({
        accessToken: TOKEN,
        baseUrl: `http://127.0.0.1:${port}`,
        onRetry: (event) => void late.listen(port, "127.0.0.1", () => advanceThroughRetryWait(event)),
      });
      await expect(client.addInboundMessage(SMS)).resolves.toEqual(SUCCESS);
      expect(received).toBe(1);
    } finally {
      late.closeAllConnections();
      await new Promise((resolve) => late.close(resolve));
    }
  });
});

describe("token refresh on 401", () => {
  it("asks the token function for a fresh token once and resends once", async () => {
    const target = await serve([
      { status: 401, json: { statusCode: 401, message: "Invalid JWT" } },
      { status: 200, json: SUCCESS },
    ]);
    const calls: boolean[] = [];
    const client = clientFor(target, {
      maxRetries: 0, // the refresh resend does not use up maxRetries
      accessToken: ({ refresh }) => {
        calls.push(refresh);
        return refresh ? `${TOKEN}-fresh` : `${TOKEN}-stale`;
      },
    });
    await expect(client.addInboundMessage(SMS)).resolves.toEqual(SUCCESS);
    expect(calls).toEqual([false, true]);
    expect(target.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${TOKEN}-stale`,
      `Bearer ${TOKEN}-fresh`,
    ]);
  });

  it("throws AuthenticationError when the fresh token is refused too, after exactly two sends", async () => {
    const target = await serve({ status: 401 });
    const calls: boolean[] = [];
    const client = clientFor(target, {
      accessToken: ({ refresh }) => {
        calls.push(refresh);
        return TOKEN;
      },
    });
    await expect(client.addInboundMessage(SMS)).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls).toEqual([false, true]);
    expect(target.requests).toHaveLength(2);
  });

  it("does not refresh on a 500, although HighLevel sometimes answers 500 for a bad token", async () => {
    const target = await serve({ status: 500 });
    const calls: boolean[] = [];
    const client = clientFor(target, {
      accessToken: ({ refresh }) => {
        calls.push(refresh);
        return TOKEN;
      },
    });
    await expect(client.addInboundMessage(SMS)).rejects.toBeInstanceOf(ServerError);
    expect(calls).toEqual([false]);
  });

  it("passes a rejection of the token function through and sends nothing", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const failure = new Error("refresh endpoint down");
    const client = clientFor(target, {
      accessToken: () => Promise.reject(failure),
    });
    await expect(client.addInboundMessage(SMS)).rejects.toBe(failure);
    expect(target.requests).toHaveLength(0);
  });

  it("stops waiting for a token function that never answers once the caller aborts, and sends nothing", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const controller = new AbortController();
    const client = clientFor(target, {
      accessToken: () => {
        setTimeout(() => controller.abort(), 10);
        return new Promise<string>(() => {});
      },
    });
    const error = await rejectionOf(client.addInboundMessage(SMS, { signal: controller.signal }));
    expect((error as DOMException).name).toBe("AbortError");
    expect(target.requests).toHaveLength(0);
  });

  it("refuses a token with a line break without quoting it, and sends nothing", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const client = clientFor(target, { accessToken: () => `${TOKEN}\r\nX-Injected: 1` });
    const error = await rejectionOf(client.addInboundMessage(SMS));
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain(TOKEN);
    expect(target.requests).toHaveLength(0);
  });
});

describe("validation before sending", () => {
  const provider = "61d6d1f9cdac7612faf80753";
  it.each([
    [
      "neither conversationId nor contactId",
      { type: "SMS", conversationProviderId: provider, message: "Hi" },
      ["conversationId", "contactId"],
    ],
    ["an unknown type", { type: "Fax", contactId: "c1", conversationProviderId: provider }, ["/type"]],
    [
      "a wrong call status",
      { type: "Call", contactId: "c1", conversationProviderId: provider, call: { status: "ringing" } },
      ["/call/status"],
    ],
    [
      "a Custom message without conversationProviderId",
      { type: "Custom", contactId: "c1" },
      ["/conversationProviderId", 'when type is "Custom"'],
    ],
    [
      "a misspelt field",
      { type: "SMS", contactID: "c1", contactId: "c1", conversationProviderId: provider },
      ["/contactID"],
    ],
    [
      "a date that is not a date-time",
      { type: "SMS", contactId: "c1", conversationProviderId: provider, date: "29/07/2024" },
      ["/date"],
    ],
    [
      "several faults at once",
      { type: "Fax", conversationProviderId: provider, direction: "sideways", attachments: "x" },
      ["/type", "/direction", "/attachments", "conversationId", "contactId"],
    ],
    ["null", null, ["(body)"]],
  ])(
    "refuses %s with a ValidationError naming each field, and sends nothing",
    async (_name, body, fields) => {
      const target = await serve({ status: 200, json: SUCCESS });
      const error = await rejectionOf(clientFor(target).addInboundMessage(body as never));
      expect(error).toBeInstanceOf(ValidationError);
      const validation = error as ValidationError;
      expect(validation.mayHaveBeenAdded).toBe(false);
      expect(validation.status).toBeUndefined();
      for (const field of fields) expect(validation.message).toContain(field);
      expect(target.requests).toHaveLength(0);
    },
  );

  it("does not copy the body's values into the error", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const body = {
      type: "SMS",
      conversationProviderId: "p",
      message: "my private words",
      call: "very-private",
    };
    const error = (await rejectionOf(clientFor(target).addInboundMessage(body as never))) as ValidationError;
    expect(JSON.stringify(error)).not.toContain("private");
    expect(error.message).not.toContain("private");
  });
});

describe("abort via signal", () => {
  it("rejects with the caller's reason, not a RequestTimeoutError, when aborted during a hang", async () => {
    const target = await serve("hang");
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const pending = clientFor(target, { timeoutMs: 10_000 }).addInboundMessage(SMS, {
      signal: controller.signal,
    });
    while (target.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(target.requests).toHaveLength(1);
  });

  it("rejects with an AbortError and sends nothing when the signal is already aborted", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const error = await rejectionOf(
      clientFor(target).addInboundMessage(SMS, { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(error).not.toBeInstanceOf(HighLevelError);
    expect(target.requests).toHaveLength(0);
  });

  it("stops waiting out a Retry-After as soon as the caller aborts", async () => {
    const target = await serve({ status: 429, headers: { "Retry-After": "10" } });
    const controller = new AbortController();
    const client = clientFor(target, { onRetry: () => controller.abort() });
    const error = await rejectionOf(client.addInboundMessage(SMS, { signal: controller.signal }));
    expect((error as DOMException).name).toBe("AbortError");
    expect(target.requests).toHaveLength(1);
  });
});

describe("hooks", () => {
  it("report method, url, attempt, status and headers, with Authorization redacted", async () => {
    const target = await serve([
      { status: 429, headers: { "Retry-After": "0" } },
      { status: 201, json: SUCCESS },
    ]);
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    await clientFor(target, {
      onRequest: (event) => void requests.push(event),
      onResponse: (event) => void responses.push(event),
    }).addInboundMessage(SMS);

    expect(requests.map((event) => event.attempt)).toEqual([1, 2]);
    expect(requests[0]).toMatchObject({
      method: "POST",
      url: `${target.url}/conversations/messages/inbound`,
    });
    expect(requests[0]?.headers.authorization).toBe("[REDACTED]");
    expect(requests[0]?.headers.version).toBe("2021-04-15");
    expect(responses.map((event) => [event.attempt, event.status])).toEqual([
      [1, 429],
      [2, 201],
    ]);
    expect(responses[0]?.headers["retry-after"]).toBe("0");
    expect(JSON.stringify([requests, responses])).not.toContain(TOKEN);
  });

  it("cannot turn a success into a failure by throwing", async () => {
    const target = await serve({ status: 200, json: SUCCESS });
    const client = clientFor(target, {
      onRequest: () => {
        throw new Error("logger broke");
      },
      onResponse: () => Promise.reject(new Error("async logger broke")),
    });
    await expect(client.addInboundMessage(SMS)).resolves.toEqual(SUCCESS);
    expect(target.requests).toHaveLength(1);
  });
});

describe("the token never leaks", () => {
  /** Every way an error gets printed or shipped to a log. */
  async function printedForms(error: unknown): Promise<string> {
    const { inspect } = await import("node:util");
    const forms = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
    let cause: unknown = error;
    while (cause instanceof Error) {
      forms.push(String(cause), cause.stack ?? "", JSON.stringify(cause));
      cause = cause.cause;
    }
    return forms.join("\n");
  }

  const echo: Step = (request, response) => {
    // A server that echoes the Authorization header into its headers and its body.
    const auth = request.headers.authorization ?? "";
    response.writeHead(401, {
      "Content-Type": "application/json",
      "WWW-Authenticate": auth,
    });
    response.end(JSON.stringify({ statusCode: 401, message: `Invalid token: ${auth}`, nested: [auth] }));
  };

  it.each([
    ["an AuthenticationError whose body and headers echo the token", [echo]],
    [
      "an UnexpectedResponseError whose non-JSON 200 body echoes the token",
      [
        ((request, response) => {
          response
            .writeHead(200, { "Content-Type": "text/plain" })
            .end(`ok ${request.headers.authorization}`);
        }) as Step,
      ],
    ],
    ["a ServerError", [{ status: 500, json: { statusCode: 500, message: "Internal server error" } } as Step]],
    ["a RateLimitError", [{ status: 429, headers: { "Retry-After": "3600" } } as Step]],
    ["a RequestTimeoutError", [hangThenAdvance(300)]],
    ["a ConnectionError after a reset", ["reset" as Step]],
  ])("keeps the token out of %s: message, stack, cause, JSON, inspect", async (name, script) => {
    const isTimeout = name === "a RequestTimeoutError";
    if (isTimeout) fakeClientTimers();
    const target = await serve(script);
    const error = await rejectionOf(
      clientFor(target, {
        timeoutMs: isTimeout ? 300 : 5_000,
        accessToken: async () => TOKEN,
      }).addInboundMessage(SMS),
    );
    expect(error).toBeInstanceOf(HighLevelError);
    expect(await printedForms(error)).not.toContain(TOKEN);
  });

  it("keeps the token out of a ConnectionError for a refused connection and of a ValidationError", async () => {
    const port = await getClosedPort();
    const client = createHighLevelClient({
      accessToken: TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 0,
    });
    const refused = await rejectionOf(client.addInboundMessage(SMS));
    expect(refused).toBeInstanceOf(ConnectionError);
    expect(await printedForms(refused)).not.toContain(TOKEN);
    const invalid = await rejectionOf(client.addInboundMessage({} as never));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(await printedForms(invalid)).not.toContain(TOKEN);
  });

  it("keeps the token out of the client's own options", async () => {
    const client = createHighLevelClient({ accessToken: TOKEN });
    const { inspect } = await import("node:util");
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(client.options)).not.toContain(TOKEN);
  });
});
