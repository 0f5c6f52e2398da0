import { describe, expect, it } from "vitest";
import type { ValidationIssue } from "../src/errors.js";
import { findSchemaIssues, type JsonSchema } from "../src/json-schema.js";

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
  // The spec's provider rule: a provider id is needed unless the type is SMS or Email.
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

  it("reports only the alternative the value chose, naming the condition of the others", () => {
    expect(findSchemaIssues(message, { type: "SMS" })).toEqual([]);
    expect(findSchemaIssues(message, { type: "Custom" })).toEqual([
      issue("/providerId", 'is required unless type is "SMS" or "Email"'),
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
