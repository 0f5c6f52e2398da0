import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../src/index.js";
import { invalidBodies, validBodies } from "./bodies.js";
import { compileFromSpec } from "./helpers.js";

const fromSpec = compileFromSpec("/components/schemas/InboundMessageRequest");
const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv);
const fromGeneratedSchema = ajv.compile(jsonSchemas.InboundMessageRequest);

describe.each([
  ["spec/openapi.yaml", fromSpec],
  ["generated jsonSchemas", fromGeneratedSchema],
])("InboundMessageRequest as read from %s", (_source, validate) => {
  it("has at least 15 valid and 15 invalid bodies to check", () => {
    expect(validBodies.length).toBeGreaterThanOrEqual(15);
    expect(invalidBodies.length).toBeGreaterThanOrEqual(15);
  });

  it.each(validBodies.map((row) => [row.name, row] as const))("accepts %s", (_name, row) => {
    expect(validate(row.body), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(invalidBodies.map((row) => [row.name, row] as const))("rejects %s", (_name, row) => {
    expect(validate(row.body)).toBe(false);
    const paths = (validate.errors ?? []).map((error) => error.instancePath);
    expect(paths).toContain(row.field);
  });
});

describe("the request type and the request schema", () => {
  it("mark every row the type system cannot express", () => {
    const runTimeOnly = invalidBodies.filter((row) => !row.typeLevel).map((row) => row.name);
    expect(runTimeOnly).toEqual([
      "empty conversationProviderId on SMS",
      "date that is not a date-time",
      "date without a time",
      "empty contactId",
      "empty attachments",
      "an attachment that is not a URL",
    ]);
  });
});
