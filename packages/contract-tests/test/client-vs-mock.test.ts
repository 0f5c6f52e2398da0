/**
 * @ghl-inbound/client (its built dist, imported by package name) against the mock over real HTTP:
 * every message type with each way of addressing it, every documented answer and the mock's
 * quirks forced with Prefer, bodies the spec forbids, and generated answers. What the client hands
 * back is checked against the spec's own schemas, and what it sent against the mock's request log.
 */
import {
  AuthenticationError,
  BadRequestError,
  type HighLevelError,
  type HttpError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RateLimitInfo,
  ServerError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  ValidationError,
} from "@ghl-inbound/client";
import { type MockServer, startMockServer } from "@ghl-inbound/mock";
import { BAD_BODIES, bodyValueOf } from "@ghl-inbound/test-support/bad-bodies";
import {
  INBOUND_MESSAGE_TYPES,
  type InboundMessageRequest,
  PROVIDER_OPTIONAL_MESSAGE_TYPES,
} from "@ghl-inbound/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ID_VARIANTS, idsSentIn, validBody } from "./support/bodies.js";
import { createObservedClient } from "./support/observed-client.js";
import {
  createSpecValidator,
  describeErrors,
  OPERATION_PATH,
  readOperation,
  readSpec,
  responseOf,
  responseSchemaPointer,
} from "./support/spec.js";

const spec = readSpec();
const validatorAt = createSpecValidator(spec);
const TOKEN = "contract-test-token";
const POST_LINE = `POST ${OPERATION_PATH} ->`;

let mock: MockServer;
/** The mock's request log ("POST /conversations/messages/inbound -> 401"), emptied before each test. */
const mockLog: string[] = [];
beforeAll(async () => {
  mock = await startMockServer({ port: 0, log: (line) => mockLog.push(line), logRequests: true });
});
afterAll(() => mock?.stop());
beforeEach(() => {
  mockLog.length = 0;
});

/** The statuses the mock answered, in order, from its own log. */
const answeredStatuses = (): number[] =>
  mockLog.filter((line) => line.startsWith(POST_LINE)).map((line) => Number(line.split("-> ")[1]));

function expectMatchesResponseSchema(status: string, body: unknown): void {
  const validate = validatorAt(responseSchemaPointer(spec, status));
  expect(validate(body), describeErrors(validate)).toBe(true);
}

const exampleOf = (status: string): unknown => responseOf(spec, status).content!["application/json"]!.example;

/** Resolves with the error `promise` rejected with, after checking its class. */
async function rejectionOf<T extends HighLevelError>(
  promise: Promise<unknown>,
  errorClass: new (...args: never[]) => T,
): Promise<T> {
  const outcome = await promise.then(
    (value) => ({ rejected: false as const, value }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!outcome.rejected)
    throw new Error(`expected ${errorClass.name}, the call resolved with ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(errorClass);
  return outcome.error as T;
}

/** Which field of the client's RateLimitInfo each documented header becomes. */
const RATE_LIMIT_FIELDS = {
  "X-RateLimit-Remaining": "remaining",
  "X-RateLimit-Max": "max",
  "X-RateLimit-Interval-Milliseconds": "intervalMs",
  "X-RateLimit-Limit-Daily": "dailyLimit",
  "X-RateLimit-Daily-Remaining": "dailyRemaining",
  "X-RateLimit-Daily-Reset": "dailyResetMs",
} as const satisfies Record<string, keyof RateLimitInfo>;

/** The rate-limit info the spec's examples add up to for a response: undefined where it declares no header. */
function documentedRateLimit(status: string): RateLimitInfo {
  const declared = responseOf(spec, status).headers ?? {};
  const info: RateLimitInfo = {
    remaining: undefined,
    max: undefined,
    intervalMs: undefined,
    dailyLimit: undefined,
    dailyRemaining: undefined,
    dailyResetMs: undefined,
  };
  for (const [header, field] of Object.entries(RATE_LIMIT_FIELDS)) {
    const ref = declared[header]?.$ref;
    if (ref !== undefined)
      info[field] = spec.components.headers[ref.split("/").at(-1)!]!.schema.example as number;
  }
  return info;
}

/** The spec's Retry-After example on the 429, in milliseconds. */
function documentedRetryAfterMs(): number {
  const ref = responseOf(spec, "429").headers!["Retry-After"]!.$ref!;
  return Number(spec.components.headers[ref.split("/").at(-1)!]!.schema.example) * 1000;
}

describe("every message type with each way of addressing it", () => {
  const cases = INBOUND_MESSAGE_TYPES.flatMap((type) =>
    ID_VARIANTS.map((idVariant) => [type, idVariant] as const),
  );

  it("covers the spec's message types", () => {
    expect(INBOUND_MESSAGE_TYPES).toEqual(spec.components.schemas.InboundMessageType!.enum);
    expect(cases).toHaveLength(INBOUND_MESSAGE_TYPES.length * 3);
  });

  it("expects all five X-RateLimit headers on the 200, as the spec documents them", () => {
    for (const value of Object.values(documentedRateLimit("200"))) expect(value).toEqual(expect.any(Number));
  });

  it.each(cases)(
    "adds a %s message addressed by %s: one send, the documented 200 body, the rate limit as numbers",
    async (type, idVariant) => {
      const body = validBody(type, idVariant);
      const { client, bodies } = createObservedClient({ accessToken: TOKEN, baseUrl: mock.url });
      const { data, response, rateLimit } = await client.addInboundMessageWithResponse(body);

      expect(response.status).toBe(200);
      expectMatchesResponseSchema("200", data);
      expect(data).toEqual({ ...(exampleOf("200") as object), ...idsSentIn(body) });
      expect(rateLimit).toEqual(documentedRateLimit("200"));
      expect(bodies).toEqual([body]);
      expect(answeredStatuses()).toEqual([200]);
    },
  );
});

describe("every type but Custom and Call, without a provider id (HighLevel's provider guide and tracker)", () => {
  const cases = PROVIDER_OPTIONAL_MESSAGE_TYPES.flatMap((type) =>
    ID_VARIANTS.map((idVariant) => [type, idVariant] as const),
  );

  it.each(cases)(
    "adds a %s message addressed by %s without conversationProviderId",
    async (type, idVariant) => {
      const body = validBody(type, idVariant, { withoutProvider: true });
      expect(body).not.toHaveProperty("conversationProviderId");
      const { client, bodies } = createObservedClient({ accessToken: TOKEN, baseUrl: mock.url });
      const { data, response } = await client.addInboundMessageWithResponse(body);

      expect(response.status).toBe(200);
      expectMatchesResponseSchema("200", data);
      expect(bodies).toEqual([body]);
    },
  );
});

describe("a 201 forced with Prefer: code=201", () => {
  it("is a success too when it carries the documented body and rate-limit headers", async () => {
    const { client, sent } = createObservedClient({
      accessToken: TOKEN,
      baseUrl: mock.url,
      prefer: "code=201",
    });
    const body = validBody("SMS", "contactId");
    const { data, response, rateLimit } = await client.addInboundMessageWithResponse(body);

    expect(response.status).toBe(201);
    expectMatchesResponseSchema("201", data);
    expect(data).toEqual({ ...(exampleOf("201") as object), ...idsSentIn(body) });
    expect(rateLimit).toEqual(documentedRateLimit("201"));
    expect(sent).toHaveLength(1);
  });
});

/** Each documented error status, the class the client's README maps it to, and whether the message may exist. */
const DOCUMENTED_ERRORS: [
  string,
  { errorClass: new (...args: never[]) => HttpError; mayHaveBeenAdded: boolean },
][] = [
  ["400", { errorClass: BadRequestError, mayHaveBeenAdded: false }],
  ["401", { errorClass: AuthenticationError, mayHaveBeenAdded: false }],
  ["403", { errorClass: PermissionDeniedError, mayHaveBeenAdded: false }],
  ["404", { errorClass: NotFoundError, mayHaveBeenAdded: false }],
  ["422", { errorClass: UnprocessableEntityError, mayHaveBeenAdded: false }],
  ["429", { errorClass: RateLimitError, mayHaveBeenAdded: false }],
  ["500", { errorClass: ServerError, mayHaveBeenAdded: true }],
];

describe("every documented error, forced with Prefer", () => {
  it("reads a 422's HighLevel messages as a list, and does not send it again", async () => {
    const { client, sent } = createObservedClient({
      accessToken: TOKEN,
      baseUrl: mock.url,
      prefer: "code=422",
    });
    const error = await rejectionOf(
      client.addInboundMessage(validBody("SMS", "contactId")),
      UnprocessableEntityError,
    );
    const example = exampleOf("422") as { message: string[]; violations: unknown[] };
    expect(error.messages).toEqual(example.message);
    expect(error.violations).toEqual(example.violations);
    expect(error.mayHaveBeenAdded).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it("covers each non-2xx status the spec documents", () => {
    const documented = Object.keys(readOperation(spec).responses).filter((status) => !status.startsWith("2"));
    expect(DOCUMENTED_ERRORS.map(([status]) => status)).toEqual(documented);
  });

  it.each(DOCUMENTED_ERRORS)(
    "turns a %s into its error class, with the spec's body and without the token, after a single send",
    async (status, { errorClass, mayHaveBeenAdded }) => {
      // A 429's Retry-After (10 s in the spec) over maxRetryAfterMs is handed back at once rather than waited out.
      const { client, sent } = createObservedClient({
        accessToken: TOKEN,
        baseUrl: mock.url,
        maxRetryAfterMs: 5_000,
        prefer: `code=${status}`,
      });
      const error = await rejectionOf(client.addInboundMessage(validBody("SMS", "contactId")), errorClass);

      expect(error.status).toBe(Number(status));
      expect(error.mayHaveBeenAdded).toBe(mayHaveBeenAdded);
      expectMatchesResponseSchema(status, error.body);
      expect(error.body).toEqual(exampleOf(status));
      expect(error.message).toContain(`POST ${OPERATION_PATH}`);
      expect(error.message).toContain(status);
      expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(TOKEN);
      expect(sent).toHaveLength(1);
      expect(answeredStatuses()).toEqual([Number(status)]);
    },
  );
});

describe("a 401", () => {
  it("asks a token function once more with refresh, resends once with the new token, then gives up", async () => {
    const asked: boolean[] = [];
    const { client, sent } = createObservedClient({
      accessToken: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? "fresh-token" : "stale-token";
      },
      baseUrl: mock.url,
      prefer: "code=401",
    });
    const error = await rejectionOf(
      client.addInboundMessage(validBody("SMS", "contactId")),
      AuthenticationError,
    );

    expect(error.status).toBe(401);
    expect(asked).toEqual([false, true]);
    expect(sent.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer stale-token",
      "Bearer fresh-token",
    ]);
    expect(answeredStatuses()).toEqual([401, 401]);
  });

  it("is recovered from when the refreshed token is accepted: the message is added by the resend", async () => {
    const asked: boolean[] = [];
    const { client, sent } = createObservedClient({
      accessToken: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? "fresh-token" : "expired-token";
      },
      baseUrl: mock.url,
      // The mock accepts any bearer token: it is told to refuse the expired one, as HighLevel would.
      prefer: (request) =>
        request.headers.get("authorization") === "Bearer expired-token" ? "code=401" : undefined,
    });
    const data = await client.addInboundMessage(validBody("Email", "conversationId"));

    expectMatchesResponseSchema("200", data);
    expect(asked).toEqual([false, true]);
    expect(sent).toHaveLength(2);
    expect(answeredStatuses()).toEqual([401, 200]);
  });

  it("is not resent with a string token, which cannot be refreshed", async () => {
    const { client, sent } = createObservedClient({
      accessToken: TOKEN,
      baseUrl: mock.url,
      prefer: "code=401",
    });
    await rejectionOf(client.addInboundMessage(validBody("SMS", "contactId")), AuthenticationError);
    expect(sent).toHaveLength(1);
  });
});

describe("a 429", () => {
  it("hands back the spec's Retry-After as retryAfterMs, with the 429's rate-limit headers, when it is over maxRetryAfterMs", async () => {
    const { client, sent } = createObservedClient({
      accessToken: TOKEN,
      baseUrl: mock.url,
      maxRetryAfterMs: 5_000,
      prefer: "code=429",
    });
    const error = await rejectionOf(client.addInboundMessage(validBody("SMS", "contactId")), RateLimitError);

    expect(documentedRetryAfterMs()).toBeGreaterThan(5_000);
    expect(error.retryAfterMs).toBe(documentedRetryAfterMs());
    expect(error.rateLimit).toEqual(documentedRateLimit("429"));
    expect(sent).toHaveLength(1);
  });

  it("reads a generated 429's Retry-After as whole seconds (the mock keeps it a number) and waits out none past maxRetryAfterMs", async () => {
    const { client, sent } = createObservedClient({
      accessToken: TOKEN,
      baseUrl: mock.url,
      maxRetries: 1,
      // A generated 429's Retry-After follows its generated interval: far longer than 1 s.
      maxRetryAfterMs: 1_000,
      prefer: "code=429, dynamic=true",
    });
    const error = await rejectionOf(client.addInboundMessage(validBody("SMS", "contactId")), RateLimitError);

    expect(error.retryAfterMs).toBeGreaterThan(1_000);
    expect(error.retryAfterMs! % 1_000).toBe(0);
    expectMatchesResponseSchema("429", error.body);
    expect(sent).toHaveLength(1);
    expect(answeredStatuses()).toEqual([429]);
  });
});

describe("a 500", () => {
  it("is resent only when the caller opts in with retryUnsafe.serverError, within maxRetries", async () => {
    const { client, sent } = createObservedClient({
      accessToken: TOKEN,
      baseUrl: mock.url,
      maxRetries: 1,
      retryUnsafe: { serverError: true },
      prefer: "code=500",
    });
    await rejectionOf(client.addInboundMessage(validBody("SMS", "contactId")), ServerError);
    expect(sent).toHaveLength(2);
    expect(answeredStatuses()).toEqual([500, 500]);
  });
});

describe("the mock's quirks (answers the real API gave that the spec does not declare)", () => {
  it("takes a 201 with no body (Prefer: quirk=201-no-body) for an UnexpectedResponseError, not a success, sent once", async () => {
    const { client, sent } = createObservedClient({
      accessToken: TOKEN,
      baseUrl: mock.url,
      prefer: "quirk=201-no-body",
    });
    const error = await rejectionOf(
      client.addInboundMessage(validBody("Custom", "contactId")),
      UnexpectedResponseError,
    );

    expect(error.status).toBe(201);
    expect(error.body).toBeUndefined();
    expect(error.issues).toEqual(["empty body"]);
    expect(error.mayHaveBeenAdded).toBe(true);
    expect(sent).toHaveLength(1);
    expect(answeredStatuses()).toEqual([201]);
  });

  it("takes a 500 for a bad token (Prefer: quirk=500-bad-token) for a ServerError, sent once", async () => {
    const { client, sent } = createObservedClient({
      accessToken: TOKEN,
      baseUrl: mock.url,
      prefer: "quirk=500-bad-token",
    });
    const error = await rejectionOf(client.addInboundMessage(validBody("SMS", "contactId")), ServerError);

    expect(error.status).toBe(500);
    expectMatchesResponseSchema("500", error.body);
    expect(error.mayHaveBeenAdded).toBe(true);
    expect(sent).toHaveLength(1);
    expect(answeredStatuses()).toEqual([500]);
  });
});

describe.each(BAD_BODIES)("a body with %s", (_name, row) => {
  it(`is refused by the client with a ValidationError at ${row.pointers.map((pointer) => pointer || "(body)").join(" and ")}, and nothing is sent`, async () => {
    const { client, sent } = createObservedClient({ accessToken: TOKEN, baseUrl: mock.url });
    const error = await rejectionOf(
      client.addInboundMessage(bodyValueOf(row.body) as InboundMessageRequest),
      ValidationError,
    );

    expect(error.mayHaveBeenAdded).toBe(false);
    const paths = error.issues.map((issue) => issue.path);
    for (const pointer of row.pointers) expect(paths).toContain(pointer);
    expect(sent).toHaveLength(0);
    expect(mockLog).toEqual([]);
  });
});

describe("generated answers (Prefer: dynamic=true)", () => {
  const seeds = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

  it("are all successes: the spec allows only `success: true`, so every generated body is one the client accepts", async () => {
    for (const status of ["200", "201"]) {
      for (const seed of seeds) {
        const { client, answers } = createObservedClient({
          accessToken: TOKEN,
          baseUrl: mock.url,
          prefer: `code=${status}, dynamic=true, seed=${seed}`,
        });
        const outcome = await client.addInboundMessage(validBody("SMS", "contactId")).then(
          (data) => ({ resolved: true as const, data }),
          (error: unknown) => ({ resolved: false as const, error }),
        );
        const generated: unknown = await answers[0]!.json();
        const at = `${status}, seed ${seed}: ${JSON.stringify(generated)}`;

        // Prism generates from the spec's schema: what the client is judging is a body the spec allows.
        const validate = validatorAt(responseSchemaPointer(spec, status));
        expect(validate(generated), `${at}\n${describeErrors(validate)}`).toBe(true);
        expect(outcome, at).toEqual({ resolved: true, data: generated });
      }
    }
  });
});
