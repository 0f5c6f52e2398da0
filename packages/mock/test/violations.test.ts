import { describe, expect, it } from "vitest";
import { type PrismDiagnostic, violationsFromPrism, violationsOfEmbeddedSpec } from "../src/violations.js";

const diagnostic = (path: string[], code: string, message: string): PrismDiagnostic => ({
  path,
  code,
  message,
  severity: 0,
});
const versionEnum = diagnostic(
  ["header", "version"],
  "enum",
  "Request header parameter version must be equal to one of the allowed values: 2021-04-15, v3",
);
const typeEnum = diagnostic(["body", "type"], "enum", "Request body property type must be one of SMS");

describe("violationsFromPrism (a spec passed with --spec)", () => {
  it("keeps Prism's words, one violation per error, naming a missing property in the location", () => {
    expect(
      violationsFromPrism([
        typeEnum,
        typeEnum,
        diagnostic(["body"], "required", "Request body must have required property 'contactId'"),
        { ...typeEnum, severity: 1 },
      ]),
    ).toEqual([
      { location: "body.type", code: "enum", message: typeEnum.message },
      {
        location: "body.contactId",
        code: "required",
        message: "Request body must have required property 'contactId'",
      },
    ]);
  });
});

describe("violationsOfEmbeddedSpec", () => {
  it("judges the body with the client's checker, whatever Prism said of it", () => {
    const { headers, body } = violationsOfEmbeddedSpec([typeEnum], {
      body: { type: "Custom", contactId: "c", attachments: [] },
      version: "2021-04-15",
    });
    expect(headers).toEqual([]);
    expect(body).toEqual([
      {
        location: "body.attachments",
        code: "minItems",
        message: "attachments must contain at least 1 elements",
      },
      {
        location: "body.conversationProviderId",
        code: "required",
        message: "conversationProviderId should not be empty when type is Custom",
      },
    ]);
  });

  it("finds nothing in a body the client would send", () => {
    expect(
      violationsOfEmbeddedSpec([], { body: { type: "WhatsApp", contactId: "c" }, version: "v3" }),
    ).toEqual({
      headers: [],
      body: [],
    });
  });

  it("names every accepted Version, and the one sent, for a refused Version header", () => {
    const { headers } = violationsOfEmbeddedSpec([versionEnum], {
      body: { type: "SMS", contactId: "c" },
      version: "2024-01-01",
    });
    expect(headers).toEqual([
      {
        location: "header.version",
        code: "enum",
        message:
          'Version header "2024-01-01" is not accepted: send one of 2021-04-15, 2021-07-28, 2023-02-21, v3 (the values HighLevel\'s own clients send; ghl-inbound sends 2021-04-15)',
      },
    ]);
  });

  it("locates nested fields and list items with dots", () => {
    const { body } = violationsOfEmbeddedSpec([], {
      body: {
        type: "Call",
        contactId: "c",
        conversationProviderId: "p",
        call: { status: "x" },
        emailCc: [1],
      },
      version: undefined,
    });
    expect(body.map((violation) => violation.location)).toEqual(["body.call.status", "body.emailCc.0"]);
  });
});
