/**
 * What the mock answers, checked against the spec: every message type with each id, every
 * documented response (forced with Prefer), static and generated, over real HTTP with plain fetch.
 * What the client makes of the same answers is client-vs-mock.test.ts.
 */
import { type MockServer, startMockServer } from "@ghl-inbound/mock";
import { INBOUND_MESSAGE_TYPES } from "@ghl-inbound/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ID_VARIANTS, idsSentIn, validBody } from "./support/bodies.js";
import { postInbound } from "./support/http.js";
import {
  createSpecValidator,
  describeErrors,
  readOperation,
  readSpec,
  responseOf,
  responseSchemaPointer,
} from "./support/spec.js";

const spec = readSpec();
const operation = readOperation(spec);
const validatorAt = createSpecValidator(spec);
const validateRequest = validatorAt("/components/schemas/InboundMessageRequest");
const documentedStatuses = Object.keys(operation.responses);

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, log: false });
});
afterAll(() => mock?.stop());

function expectValidResponse(status: string, body: unknown): void {
  const validate = validatorAt(responseSchemaPointer(spec, status));
  expect(validate(body), describeErrors(validate)).toBe(true);
}

function expectDocumentedHeaders(status: string, headers: Headers): void {
  for (const name of Object.keys(responseOf(spec, status).headers ?? {})) {
    expect(headers.get(name), `header ${name} of the ${status} answer`).not.toBeNull();
  }
}

describe("the message types", () => {
  it("are the same in the spec and in @ghl-inbound/types", () => {
    expect(INBOUND_MESSAGE_TYPES).toEqual(spec.components.schemas.InboundMessageType!.enum);
  });
});

const cases = INBOUND_MESSAGE_TYPES.flatMap((type) =>
  ID_VARIANTS.map((idVariant) => [type, idVariant] as const),
);

describe.each(cases)("a %s message addressed by %s", (type, idVariant) => {
  const body = validBody(type, idVariant);

  it("is a body the spec allows", () => {
    expect(validateRequest(body), describeErrors(validateRequest)).toBe(true);
  });

  it("gets 200 with a body and headers that match the spec's 200 response", async () => {
    const answer = await postInbound(mock.url, body);
    expect(answer.status).toBe(200);
    expectValidResponse("200", answer.json);
    expectDocumentedHeaders("200", answer.headers);
  });
});

describe("the spec's own request examples", () => {
  const examples = Object.entries(operation.requestBody.content["application/json"]!.examples);

  it.each(examples)("%s gets 200", async (_name, example) => {
    const answer = await postInbound(mock.url, example.value);
    expect(answer.status).toBe(200);
    expectValidResponse("200", answer.json);
  });
});

describe.each(documentedStatuses)("the documented %s response", (status) => {
  it("is answered when forced with Prefer, with the spec's example, body schema and headers", async () => {
    const body = validBody("SMS", "contactId");
    const answer = await postInbound(mock.url, body, { Prefer: `code=${status}` });
    expect(answer.status).toBe(Number(status));
    const example = responseOf(spec, status).content!["application/json"]!.example as object;
    // A success names the contact the request sent; an error is the example as it is.
    expect(answer.json).toEqual(status.startsWith("2") ? { ...example, ...idsSentIn(body) } : example);
    expectValidResponse(status, answer.json);
    expectDocumentedHeaders(status, answer.headers);
  });

  it.each(["a", "b", "c"])("matches its schema when generated (seed %s)", async (seed) => {
    const answer = await postInbound(mock.url, validBody("Email", "conversationId"), {
      Prefer: `code=${status}, dynamic=true, seed=${seed}`,
    });
    expect(answer.status).toBe(Number(status));
    expectValidResponse(status, answer.json);
  });
});

describe("the documented statuses", () => {
  it("are every answer HighLevel is known to give", () => {
    expect(documentedStatuses).toEqual(["200", "201", "400", "401", "403", "404", "422", "429", "500"]);
  });
});
