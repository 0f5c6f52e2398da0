import { describe, expect, it } from "vitest";
import { findExamples } from "./support/examples.js";
import { createSpecValidator, describeErrors, readSpec } from "./support/spec.js";

const spec = readSpec();
const examples = findExamples(spec);
const validatorAt = createSpecValidator(spec);

describe("every example in spec/openapi.yaml", () => {
  it("is found wherever OpenAPI allows one: schemas, properties, parameters, headers, responses, request bodies", () => {
    const places = examples.map((example) => example.at);
    expect(places).toEqual(
      expect.arrayContaining([
        "/components/parameters/Version/example",
        "/components/headers/Retry-After/schema/example",
        "/components/responses/BadRequest/content/application~1json/example",
        "/components/schemas/InboundMessageFields/properties/date/example",
        "/components/schemas/CallData/example",
        "/components/schemas/MessageByContactId/properties/contactId/example",
        "/paths/~1conversations~1messages~1inbound/post/requestBody/content/application~1json/examples/call/value",
      ]),
    );
    expect(examples.length).toBeGreaterThanOrEqual(50);
  });

  it.each(examples.map((example) => [example.at, example] as const))(
    "%s validates against its own schema",
    (_at, example) => {
      const validate = validatorAt(example.schemaPointer);
      expect(validate(example.value), describeErrors(validate)).toBe(true);
    },
  );
});

describe("the example check itself", () => {
  it("catches an example that breaks its schema (so the rows above can fail)", () => {
    const broken = readSpec();
    broken.components.schemas.CallStatus!.example = "ringing";
    const brokenValidatorAt = createSpecValidator(broken);
    const failures = findExamples(broken).filter(
      (example) => !brokenValidatorAt(example.schemaPointer)(example.value),
    );
    expect(failures.map((failure) => failure.at)).toEqual(["/components/schemas/CallStatus/example"]);
  });
});
