// The generated schemas and src/json-schema.ts against Ajv (a dev dependency, never loaded by the
// client) on the spec's own schemas: for hundreds of bodies made by breaking valid ones field by
// field, both accept the same bodies, and every path the client blames is one Ajv blames too.
import { jsonSchemas } from "@ghl-inbound/types";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { inboundMessageRequest, inboundMessageResponse } from "../src/generated/schemas.js";
import { findSchemaIssues } from "../src/json-schema.js";
import { SMS, SUCCESS } from "./helpers.js";

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv, ["date-time", "uri"]);

const VALUES: unknown[] = [
  undefined,
  null,
  0,
  1.5,
  true,
  "",
  "x",
  "Call",
  "inbound",
  "2024-07-29T15:51:28Z",
  [],
  ["x"],
  ["https://example.com/files/image.png"],
  ["https://example.com/a b"],
  [1],
  {},
  { status: "busy" },
  { to: 1 },
];

/** Each valid body, then every field removed or set to each of VALUES, then an unknown field. */
function variantsOf(body: Record<string, unknown>, fields: readonly string[]): unknown[] {
  const variants: unknown[] = [body, [], null, "text", 42];
  for (const field of fields) {
    for (const value of VALUES) variants.push({ ...body, [field]: value });
    const { [field]: _removed, ...without } = body;
    variants.push(without);
  }
  variants.push({ ...body, unknownField: "x" });
  return variants;
}

const requestFields = Object.keys(
  (jsonSchemas.InboundMessageRequest.allOf[0] as { properties: Record<string, unknown> }).properties,
);
const requests = [
  SMS,
  {
    type: "Email",
    conversationId: "c1",
    conversationProviderId: "p1",
    emailCc: ["a@b.c"],
    date: "2024-07-29T15:51:28.071Z",
  },
  {
    type: "Call",
    contactId: "c1",
    conversationId: "c2",
    conversationProviderId: "p1",
    call: { to: "+1", status: "voicemail" },
  },
].flatMap((body) => variantsOf(body as Record<string, unknown>, requestFields));
const responses = variantsOf(SUCCESS as unknown as Record<string, unknown>, [
  ...Object.keys(SUCCESS),
  "emailMessageId",
]);

describe.each([
  ["InboundMessageRequest", inboundMessageRequest, jsonSchemas.InboundMessageRequest, requests],
  ["InboundMessageResponse", inboundMessageResponse, jsonSchemas.InboundMessageResponse, responses],
] as const)("%s", (_name, generated, spec, bodies) => {
  const validate = ajv.compile(spec);

  it(`accepts exactly the bodies Ajv accepts (${bodies.length} bodies)`, () => {
    const disagreements = bodies.filter(
      (body) => (findSchemaIssues(generated, body).length === 0) !== validate(body),
    );
    expect(disagreements).toEqual([]);
    // Both kinds are in the sample, so the comparison means something.
    expect(bodies.filter((body) => validate(body)).length).toBeGreaterThan(10);
    expect(bodies.filter((body) => !validate(body)).length).toBeGreaterThan(50);
  });

  it("blames only paths Ajv blames too", () => {
    for (const body of bodies) {
      if (validate(body)) continue;
      const ajvPaths = new Set(
        (validate.errors ?? []).flatMap((error) => {
          const missing = error.params as { missingProperty?: string; additionalProperty?: string };
          const name = missing.missingProperty ?? missing.additionalProperty;
          return name === undefined
            ? [error.instancePath]
            : [error.instancePath, `${error.instancePath}/${name}`];
        }),
      );
      for (const issue of findSchemaIssues(generated, body))
        expect(ajvPaths, JSON.stringify(body)).toContain(issue.path);
    }
  });
});
