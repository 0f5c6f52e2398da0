import { describe, expect, it } from "vitest";
import { type BodySchema, type PrismDiagnostic, summarizeViolations } from "../src/violations.js";

// Diagnostics as Prism 5.16 reports them for this spec's anyOf body (two branches, one per id).
const typeEnum: PrismDiagnostic = {
  path: ["body", "type"],
  code: "enum",
  message: "Request body property type must be equal to one of the allowed values: SMS, Email",
  severity: 0,
};
const required = (property: string, path = ["body"]): PrismDiagnostic => ({
  path,
  code: "required",
  message: `Request ${path[0]} must have required property '${property}'`,
  severity: 0,
});
const anyOf: PrismDiagnostic = {
  path: ["body"],
  code: "anyOf",
  message: "Request body must match a schema in anyOf",
  severity: 0,
};
const dateFormat: PrismDiagnostic = {
  path: ["body", "date"],
  code: "format",
  message: 'Request body property date must match format "date-time"',
  severity: 0,
};

// The shape of the spec's body: the fields (type's own enum), either id, and a provider id unless
// type is SMS or Email. Names differ from the spec's on purpose where the rule must not depend on them.
const schema: BodySchema = {
  allOf: [
    { properties: { type: { enum: ["SMS", "Email", "Custom", "Call"] } }, required: ["type"] },
    { anyOf: [{ required: ["conversationId"] }, { required: ["contactId"] }] },
    {
      oneOf: [
        { properties: { type: { enum: ["SMS", "Email"] } }, required: ["type"] },
        { properties: { type: { enum: ["Custom", "Call"] } }, required: ["type", "conversationProviderId"] },
      ],
    },
  ],
};
const oneOf: PrismDiagnostic = {
  path: ["body"],
  code: "oneOf",
  message: "Request body must match exactly one schema in oneOf",
  severity: 0,
};
const typeEnumOf = (values: string[]): PrismDiagnostic => ({
  ...typeEnum,
  message: `Request body property type must be equal to one of the allowed values: ${values.join(", ")}`,
});
const everyType = typeEnumOf(["SMS", "Email", "Custom", "Call"]);
const providerTypes = typeEnumOf(["Custom", "Call"]);

interface Row {
  given: { diagnostics: PrismDiagnostic[]; body?: unknown };
  want: { location: string; message: string }[];
}

const rows: [string, Row][] = [
  [
    "merges the two missing ids into one either-or problem",
    {
      given: {
        diagnostics: [required("conversationId"), required("contactId"), anyOf],
        body: { type: "SMS" },
      },
      want: [
        {
          location: "body",
          message: "Request body must have required property 'conversationId' or 'contactId'",
        },
      ],
    },
  ],
  [
    "names a missing provider id for a type that needs one, and says which types do not",
    {
      given: {
        diagnostics: [typeEnum, required("conversationProviderId"), oneOf],
        body: { type: "Custom", conversationId: "c" },
      },
      want: [
        {
          location: "body.conversationProviderId",
          message:
            "Request body must have required property 'conversationProviderId' (required unless type is SMS or Email)",
        },
      ],
    },
  ],
  [
    "reports an unknown type once, with the field's own values, and nothing the type would have chosen",
    {
      given: {
        diagnostics: [everyType, typeEnum, required("conversationProviderId"), providerTypes, oneOf],
        body: { type: "Cusom", conversationId: "c" },
      },
      want: [{ location: "body.type", message: everyType.message }],
    },
  ],
  [
    "keeps a field required in every branch and names it in the location",
    {
      given: {
        diagnostics: [
          required("type"),
          dateFormat,
          required("type"),
          dateFormat,
          required("contactId"),
          anyOf,
        ],
        body: { conversationId: "c", date: "yesterday" },
      },
      want: [
        { location: "body.type", message: "Request body must have required property 'type'" },
        { location: "body.date", message: dateFormat.message },
        { location: "body.contactId", message: "Request body must have required property 'contactId'" },
      ],
    },
  ],
  [
    "reports the missing ids and the missing provider id together",
    {
      given: {
        diagnostics: [
          required("conversationId"),
          required("contactId"),
          typeEnum,
          required("conversationProviderId"),
          oneOf,
        ],
        body: { type: "Call" },
      },
      want: [
        {
          location: "body",
          message: "Request body must have required property 'conversationId' or 'contactId'",
        },
        {
          location: "body.conversationProviderId",
          message:
            "Request body must have required property 'conversationProviderId' (required unless type is SMS or Email)",
        },
      ],
    },
  ],
  [
    "names a missing header",
    {
      given: { diagnostics: [required("version", ["header"])] },
      want: [{ location: "header.version", message: "Request header must have required property 'version'" }],
    },
  ],
  [
    "says which value to send for a header outside its enum",
    {
      given: {
        diagnostics: [
          {
            path: ["header", "version"],
            code: "enum",
            message:
              "Request header parameter version must be equal to one of the allowed values: 2021-04-15, v3",
            severity: 0,
          },
        ],
      },
      want: [
        {
          location: "header.version",
          message:
            "Request header parameter version must be equal to one of the allowed values: 2021-04-15, v3; send the header Version: 2021-04-15",
        },
      ],
    },
  ],
  [
    "treats a diagnostic without a path as the body's",
    {
      given: { diagnostics: [{ code: "required", message: "Body parameter is required", severity: 0 }] },
      want: [{ location: "body", message: "Body parameter is required" }],
    },
  ],
];

describe("summarizeViolations", () => {
  it.each(rows)("%s", (_name, { given, want }) => {
    const got = summarizeViolations(given.diagnostics, { schema, body: given.body });
    expect(got.map(({ location, message }) => ({ location, message }))).toEqual(want);
  });

  it("keeps every error when no schema is known", () => {
    const got = summarizeViolations([
      { ...dateFormat, severity: 1 },
      required("conversationId"),
      required("contactId"),
    ]);
    expect(got.map(({ location }) => location)).toEqual(["body.conversationId", "body.contactId"]);
  });
});
