import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { compileFromSpec, readSpec } from "./helpers.js";

const operation = readSpec().paths["/conversations/messages/inbound"].post;

describe("spec/openapi.yaml", () => {
  it("is a valid OpenAPI 3.1 document to an independent parser", async () => {
    const result = await validate(readSpec() as Parameters<typeof validate>[0]);
    expect(result.valid, JSON.stringify(result)).toBe(true);
  });

  it("declares the operation, its auth, scope and Version header", () => {
    const spec = readSpec();
    expect(spec.servers[0].url).toBe("https://services.leadconnectorhq.com");
    expect(operation.operationId).toBe("add-an-inbound-message");
    expect(operation.security).toEqual([{ bearer: ["conversations/message.write"] }]);
    expect(spec.components.securitySchemes.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
    expect(spec.components.parameters.Version).toMatchObject({
      in: "header",
      required: true,
      schema: { enum: ["2021-04-15"] },
    });
    expect(operation.requestBody.required).toBe(true);
  });

  it("documents every response HighLevel is known to send", () => {
    expect(Object.keys(operation.responses)).toEqual(["200", "201", "400", "401", "429", "500"]);
  });
});

const spec = readSpec();
const componentExamples = Object.entries(spec.components.schemas as Record<string, { example?: unknown }>)
  .filter(([, schema]) => schema.example !== undefined)
  .map(
    ([name, schema]) =>
      [`components.schemas.${name}`, `/components/schemas/${name}`, schema.example] as const,
  );

const responseExamples = Object.entries(
  spec.components.responses as Record<
    string,
    { content?: Record<string, { schema: { $ref: string }; example: unknown }> }
  >,
).map(([name, response]) => {
  const media = response.content!["application/json"]!;
  return [`components.responses.${name}`, media.schema.$ref.slice(1), media.example] as const;
});

const requestExamples = Object.entries(
  operation.requestBody.content["application/json"].examples as Record<string, { value: unknown }>,
).map(
  ([name, example]) =>
    [`request example ${name}`, "/components/schemas/InboundMessageRequest", example.value] as const,
);

describe("every example in the spec validates against its own schema", () => {
  it("finds the page's response examples and the request examples", () => {
    expect(responseExamples.length).toBe(6);
    expect(requestExamples.length).toBe(3);
    expect(componentExamples.length).toBeGreaterThanOrEqual(8);
  });

  it.each([...componentExamples, ...responseExamples, ...requestExamples])(
    "%s",
    (_name, pointer, example) => {
      const validate = compileFromSpec(pointer);
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it("keeps the doc page's 200, 400 and 401 examples word for word", () => {
    const responses = spec.components.responses;
    expect(responses.MessageAdded.content["application/json"].example).toEqual({
      success: true,
      conversationId: "ABC12h2F6uBrIkfXYazb",
      messageId: "t22c6DQcTDf3MjRhwf77",
      message: "string",
      contactId: "string",
      dateAdded: "2024-07-29T15:51:28.071Z",
      emailMessageId: "string",
    });
    expect(responses.BadRequest.content["application/json"].example).toEqual({
      statusCode: 400,
      message: "Bad Request",
    });
    expect(responses.Unauthorized.content["application/json"].example).toEqual({
      statusCode: 401,
      message: "Invalid token: access token is invalid",
      error: "Unauthorized",
    });
  });
});

describe("the response schemas", () => {
  const success = compileFromSpec("/components/schemas/InboundMessageResponse");
  it.each([
    ["the empty body of HighLevel's 201 (issue #70)", {}],
    ["a body without messageId", { success: true, conversationId: "c", message: "m" }],
    ["success as a string", { success: "true", conversationId: "c", messageId: "m", message: "m" }],
    ["success: false", { success: false, conversationId: "c", messageId: "m", message: "m" }],
    [
      "a dateAdded that is not a date-time",
      { success: true, conversationId: "c", messageId: "m", message: "m", dateAdded: "yesterday" },
    ],
  ])("refuse %s as a success", (_name, body) => {
    expect(success(body)).toBe(false);
  });
});
