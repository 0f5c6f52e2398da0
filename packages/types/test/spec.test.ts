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
      schema: { enum: ["2021-04-15", "2021-07-28", "2023-02-21", "v3"], default: "2021-04-15" },
    });
    expect(operation.requestBody.required).toBe(true);
  });

  it("documents every response HighLevel is known to send", () => {
    expect(Object.keys(operation.responses)).toEqual([
      "200",
      "201",
      "400",
      "401",
      "403",
      "404",
      "422",
      "429",
      "500",
    ]);
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
    expect(responseExamples.length).toBe(9);
    expect(requestExamples.length).toBe(6);
    expect(componentExamples.length).toBeGreaterThanOrEqual(8);
  });

  it.each([...componentExamples, ...responseExamples, ...requestExamples])(
    "%s",
    (_name, pointer, example) => {
      const validate = compileFromSpec(pointer);
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it("gives every declared status its own example, whose statusCode is that status", () => {
    const seen = new Map<string, string>();
    for (const [status, { $ref }] of Object.entries(
      operation.responses as Record<string, { $ref: string }>,
    )) {
      const name = $ref.split("/").pop()!;
      const example = spec.components.responses[name].content["application/json"].example;
      const text = JSON.stringify(example);
      expect(seen.get(text), `${status} shows the example of ${seen.get(text)}`).toBeUndefined();
      seen.set(text, status);
      if (!status.startsWith("2")) expect(example.statusCode).toBe(Number(status));
    }
    expect(seen.size).toBe(9);
  });

  it("has examples that look like real data: no placeholder strings", () => {
    const placeholders: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (node === "string" && /example/.test(at)) placeholders.push(at);
      if (node !== null && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) visit(value, `${at}/${key}`);
      }
    };
    visit(spec, "#");
    expect(placeholders).toEqual([]);
  });

  it("threads emails with a HighLevel id, not an RFC 5322 Message-ID", () => {
    const emailMessageId = spec.components.schemas.InboundMessageFields.properties.emailMessageId;
    expect(emailMessageId.example).toMatch(/^[A-Za-z0-9]{20}$/);
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
