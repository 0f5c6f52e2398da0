import { describe, expect, it } from "vitest";
import { type PrismDiagnostic, summarizeViolations } from "../src/violations.js";

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

interface Row {
  given: { diagnostics: PrismDiagnostic[]; bodyAlternatives: number };
  want: { location: string; message: string }[];
}

const rows: [string, Row][] = [
  [
    "merges the two missing ids into one either-or problem",
    {
      given: { diagnostics: [required("conversationId"), required("contactId"), anyOf], bodyAlternatives: 2 },
      want: [
        {
          location: "body",
          message: "Request body must have required property 'conversationId' or 'contactId'",
        },
      ],
    },
  ],
  [
    "reports a wrong type once and drops the other branch's missing id",
    {
      given: { diagnostics: [typeEnum, required("contactId"), typeEnum, anyOf], bodyAlternatives: 2 },
      want: [{ location: "body.type", message: typeEnum.message }],
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
        bodyAlternatives: 2,
      },
      want: [
        { location: "body.type", message: "Request body must have required property 'type'" },
        { location: "body.date", message: dateFormat.message },
      ],
    },
  ],
  [
    "reports a wrong type and the missing ids together",
    {
      given: {
        diagnostics: [required("conversationId"), typeEnum, required("contactId"), typeEnum, anyOf],
        bodyAlternatives: 2,
      },
      want: [
        { location: "body.type", message: typeEnum.message },
        {
          location: "body",
          message: "Request body must have required property 'conversationId' or 'contactId'",
        },
      ],
    },
  ],
  [
    "names a missing header",
    {
      given: { diagnostics: [required("version", ["header"])], bodyAlternatives: 2 },
      want: [{ location: "header.version", message: "Request header must have required property 'version'" }],
    },
  ],
  [
    "treats a diagnostic without a path as the body's",
    {
      given: {
        diagnostics: [{ code: "required", message: "Body parameter is required", severity: 0 }],
        bodyAlternatives: 2,
      },
      want: [{ location: "body", message: "Body parameter is required" }],
    },
  ],
  [
    "ignores warnings and keeps every error of a body without anyOf",
    {
      given: {
        diagnostics: [{ ...dateFormat, severity: 1 }, required("conversationId"), required("contactId")],
        bodyAlternatives: 1,
      },
      want: [
        {
          location: "body.conversationId",
          message: "Request body must have required property 'conversationId'",
        },
        { location: "body.contactId", message: "Request body must have required property 'contactId'" },
      ],
    },
  ],
];

describe("summarizeViolations", () => {
  it.each(rows)("%s", (_name, { given, want }) => {
    const got = summarizeViolations(given.diagnostics, given.bodyAlternatives);
    expect(got.map(({ location, message }) => ({ location, message }))).toEqual(want);
  });
});
