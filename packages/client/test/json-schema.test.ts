import { describe, expect, it } from "vitest";
import type { ValidationIssue } from "../src/errors.js";
import { findSchemaIssues, findSchemaProblems, type JsonSchema } from "../src/json-schema.js";

const issue = (path: string, message: string): ValidationIssue => ({ path, message });
const person = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: { name: { type: "string", minLength: 1 }, tags: { type: "array", items: { type: "string" } } },
} satisfies JsonSchema;

describe("findSchemaIssues", () => {
  it.each<[string, { schema: JsonSchema; given: unknown; want: ValidationIssue[] }]>([
    ["a matching object", { schema: person, given: { name: "Ada", tags: ["a"] }, want: [] }],
    ["a wrong type", { schema: person, given: [], want: [issue("", "must be object")] }],
    ["null for an object", { schema: person, given: null, want: [issue("", "must be object")] }],
    ["a missing field", { schema: person, given: {}, want: [issue("/name", "is required")] }],
    [
      "a field set to undefined, as absent (JSON drops it)",
      { schema: person, given: { name: undefined, tags: undefined }, want: [issue("/name", "is required")] },
    ],
    [
      "a field the schema lacks",
      {
        schema: person,
        given: { name: "A", nick: "a" },
        want: [issue("/nick", "is not a field of the spec")],
      },
    ],
    [
      "an empty string under minLength 1",
      { schema: person, given: { name: "" }, want: [issue("/name", "must not be empty")] },
    ],
    [
      "a wrong item, by index",
      { schema: person, given: { name: "A", tags: ["a", 2] }, want: [issue("/tags/1", "must be string")] },
    ],
    [
      "a field name that needs escaping in a pointer",
      {
        schema: { type: "object", additionalProperties: false },
        given: { "a/b~c": 1 },
        want: [issue("/a~1b~0c", "is not a field of the spec")],
      },
    ],
    [
      "every fault at once",
      {
        schema: person,
        given: { tags: "x", nick: 1 },
        want: [
          issue("/name", "is required"),
          issue("/tags", "must be array"),
          issue("/nick", "is not a field of the spec"),
        ],
      },
    ],
    [
      "an enum, naming the values",
      {
        schema: { type: "string", enum: ["a", "b"] },
        given: "c",
        want: [issue("", 'must be one of "a", "b"')],
      },
    ],
    [
      "an enum given another type",
      { schema: { type: "string", enum: ["a"] }, given: 1, want: [issue("", 'must be one of "a"')] },
    ],
    [
      "a const",
      {
        schema: { type: "boolean", const: true },
        given: false,
        want: [issue("", "must be equal to constant")],
      },
    ],
    ["a boolean", { schema: { type: "boolean" }, given: "true", want: [issue("", "must be boolean")] }],
    [
      "minLength in code points",
      {
        schema: { type: "string", minLength: 2 },
        given: "😀",
        want: [issue("", "must have at least 2 characters")],
      },
    ],
    [
      "a date-time",
      {
        schema: { type: "string", format: "date-time" },
        given: "2024-07-29",
        want: [issue("", 'must match format "date-time"')],
      },
    ],
    [
      "allOf: every part's faults",
      {
        schema: { allOf: [{ required: ["a"] }, { required: ["b"] }] },
        given: {},
        want: [issue("/a", "is required"), issue("/b", "is required")],
      },
    ],
  ])("answers %s", (_name, { schema, given, want }) => {
    expect(findSchemaIssues(schema, given)).toEqual(want);
  });
});

describe("anyOf", () => {
  const byIdOrContact = {
    type: "object",
    properties: { id: { type: "string", minLength: 1 }, contact: { type: "string", minLength: 1 } },
    anyOf: [{ required: ["id"] }, { required: ["contact"] }],
  } satisfies JsonSchema;

  it("names the fields any of which would do", () => {
    expect(findSchemaIssues(byIdOrContact, {})).toEqual([issue("", "must have id or contact")]);
  });

  it("accepts a value that matches one alternative", () => {
    expect(findSchemaIssues(byIdOrContact, { contact: "c" })).toEqual([]);
  });

  it("reports a fault every alternative found once, and only it when an alternative fails on nothing else", () => {
    const schema = {
      anyOf: [{ allOf: [person, { required: ["id"] }] }, { allOf: [person] }],
    } satisfies JsonSchema;
    expect(findSchemaIssues(schema, { name: "" })).toEqual([issue("/name", "must not be empty")]);
  });

  it("lists what each alternative found when they fail in different ways", () => {
    const schema = {
      anyOf: [{ type: "string" }, { type: "object", required: ["a", "b"] }],
    } satisfies JsonSchema;
    expect(findSchemaIssues(schema, {})).toEqual([
      issue("", "must be string"),
      issue("/a", "is required"),
      issue("/b", "is required"),
    ]);
  });
});

describe("alternatives told apart by an enum (oneOf)", () => {
  // The spec's provider rule: a provider id is needed when the type is Custom or Call.
  const message = {
    type: "object",
    required: ["type"],
    properties: {
      type: { type: "string", enum: ["SMS", "Email", "Custom", "Call"] },
      providerId: { type: "string" },
    },
    oneOf: [
      { properties: { type: { enum: ["SMS", "Email"] } } },
      { required: ["providerId"], properties: { type: { enum: ["Custom", "Call"] } } },
    ],
  } satisfies JsonSchema;

  it("reports only the alternative the value chose, naming the value that chose it", () => {
    expect(findSchemaIssues(message, { type: "SMS" })).toEqual([]);
    expect(findSchemaIssues(message, { type: "Custom" })).toEqual([
      issue("/providerId", 'is required when type is "Custom"'),
    ]);
    expect(findSchemaIssues(message, { type: "Call", providerId: "p" })).toEqual([]);
  });

  it("says once which values any alternative allows when none takes the value", () => {
    expect(findSchemaIssues(message, { type: "Fax" })).toEqual([
      issue("/type", 'must be one of "SMS", "Email", "Custom", "Call"'),
    ]);
  });

  it("refuses a value that more than one alternative of a oneOf takes", () => {
    const schema = { oneOf: [{ type: "string" }, { type: "string", minLength: 1 }] } satisfies JsonSchema;
    expect(findSchemaIssues(schema, "x")).toEqual([
      issue("", "must match exactly one of its alternatives, not 2"),
    ]);
    expect(findSchemaIssues(schema, "")).toEqual([]);
  });

  it("does not sum up alternatives with what the rest of the schema already reported", () => {
    const schema = {
      allOf: [
        { properties: { id: { type: "string", minLength: 1 }, contact: { type: "string", minLength: 1 } } },
        {
          anyOf: [{ required: ["id"] }, { required: ["contact"], properties: { contact: { minLength: 1 } } }],
        },
      ],
    } satisfies JsonSchema;
    expect(findSchemaIssues(schema, { contact: "" })).toEqual([issue("/contact", "must not be empty")]);
  });
});

describe("findSchemaProblems: one sentence per problem, in class-validator's words", () => {
  const body = {
    type: "object",
    additionalProperties: false,
    required: ["type"],
    properties: {
      type: { type: "string", enum: ["SMS", "Custom"] },
      attachments: { type: "array", minItems: 1, items: { type: "string", format: "uri" } },
      emailCc: { type: "array", items: { type: "string" } },
      id: { type: "string", minLength: 1 },
      date: { type: "string", format: "date-time" },
      call: { type: "object", properties: { status: { type: "string", enum: ["busy", "failed"] } } },
    },
    oneOf: [
      { properties: { type: { enum: ["SMS"] } } },
      { required: ["providerId"], properties: { type: { enum: ["Custom"] } } },
    ],
  } satisfies JsonSchema;
  const sentencesOf = (value: unknown) => findSchemaProblems(body, value).map((problem) => problem.sentence);

  it.each<[string, { given: unknown; want: string[] }]>([
    [
      "HighLevel's own 422 (template#11)",
      { given: { type: "SMS", attachments: [] }, want: ["attachments must contain at least 1 elements"] },
    ],
    [
      "attachments as a string",
      { given: { type: "SMS", attachments: "x" }, want: ["attachments must be an array"] },
    ],
    [
      "an attachment that is not a URL",
      {
        given: { type: "SMS", attachments: ["quote.pdf"] },
        want: ["each value in attachments must be a URL address"],
      },
    ],
    [
      "a number in a list",
      { given: { type: "SMS", emailCc: [1] }, want: ["each value in emailCc must be a string"] },
    ],
    [
      "an unknown field",
      { given: { type: "SMS", contactID: "x" }, want: ["property contactID should not exist"] },
    ],
    ["a missing field", { given: {}, want: ["type should not be empty"] }],
    ["an empty id", { given: { type: "SMS", id: "" }, want: ["id should not be empty"] }],
    [
      "a value outside an enum",
      { given: { type: "Fax" }, want: ["type must be one of the following values: SMS, Custom"] },
    ],
    [
      "a nested field",
      {
        given: { type: "SMS", call: { status: "ringing" } },
        want: ["call.status must be one of the following values: busy, failed"],
      },
    ],
    [
      "a date",
      { given: { type: "SMS", date: "29/07/2024" }, want: ["date must be a valid ISO 8601 date string"] },
    ],
    [
      "a field its alternative needs",
      { given: { type: "Custom" }, want: ["providerId should not be empty when type is Custom"] },
    ],
    ["not an object", { given: [], want: ["body must be an object"] }],
  ])("%s", (_name, { given, want }) => {
    expect(sentencesOf(given)).toEqual(want);
  });

  it("names the keyword that failed beside the client's own path and message", () => {
    expect(findSchemaProblems(body, { type: "SMS", attachments: [] })).toEqual([
      {
        path: "/attachments",
        message: "must have at least 1 item",
        keyword: "minItems",
        sentence: "attachments must contain at least 1 elements",
      },
    ]);
  });

  it("accepts absolute URLs of any scheme and refuses white space", () => {
    const attachments = (list: string[]) => findSchemaIssues(body, { type: "SMS", attachments: list });
    expect(attachments(["https://example.com/files/image.png", "mailto:a@b.c", "ftp://x/y"])).toEqual([]);
    expect(attachments(["https://example.com/a b"])).toEqual([
      issue("/attachments/0", 'must match format "uri"'),
    ]);
    expect(attachments(["/files/image.png"])).toHaveLength(1);
  });
});
