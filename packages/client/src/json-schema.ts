// Checks a value against one of the spec's schemas (src/generated/schemas.ts) and says what is wrong,
// one issue per field, in words a caller can act on. It knows the JSON Schema keywords that the spec
// uses, those `JsonSchema` lists, and no others (every one costs bytes in a browser bundle): the
// generated schemas are typed `satisfies JsonSchema`, so a spec that starts to use another keyword
// fails to compile rather than being half checked; then it is added here.
import { isDateTime } from "./date-time.js";
import type { ValidationIssue } from "./errors.js";

type JsonType = "object" | "array" | "string" | "boolean";
/** Values compared with ===: an enum or const of objects would need a deep comparison this does not make. */
type JsonPrimitive = string | number | boolean | null;

export interface JsonSchema {
  type?: JsonType;
  enum?: readonly JsonPrimitive[];
  const?: JsonPrimitive;
  required?: readonly string[];
  properties?: { readonly [name: string]: JsonSchema };
  additionalProperties?: boolean;
  items?: JsonSchema;
  minLength?: number;
  format?: "date-time";
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
}

/** An issue, and for a missing field its name (to say "must have conversationId or contactId"). */
interface Issue extends ValidationIssue {
  missing?: string;
}

/** Every issue of `value` against `schema`; none when it matches. Paths are JSON pointers. */
export function findSchemaIssues(schema: JsonSchema, value: unknown): ValidationIssue[] {
  return dedupe(issuesAt(schema, value, "")).map(({ path, message }) => ({ path, message }));
}

function issuesAt(schema: JsonSchema, value: unknown, path: string): Issue[] {
  // A value outside an enum (or const) is told the values allowed, which also names the type.
  if (schema.enum !== undefined && !schema.enum.some((allowed) => allowed === value)) {
    return [
      { path, message: `must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(", ")}` },
    ];
  }
  if ("const" in schema && schema.const !== value) return [{ path, message: "must be equal to constant" }];
  if (schema.type !== undefined && !hasType(value, schema.type)) {
    return [{ path, message: `must be ${schema.type}` }];
  }
  const issues: Issue[] = [];
  if (isPlainObject(value)) issues.push(...objectIssues(schema, value, path));
  if (Array.isArray(value) && schema.items !== undefined) {
    for (const [index, item] of value.entries())
      issues.push(...issuesAt(schema.items, item, `${path}/${index}`));
  }
  // Length in code points, as JSON Schema counts it.
  if (typeof value === "string" && schema.minLength !== undefined && [...value].length < schema.minLength) {
    const { minLength } = schema;
    issues.push({
      path,
      message: minLength === 1 ? "must not be empty" : `must have at least ${minLength} characters`,
    });
  }
  if (typeof value === "string" && schema.format === "date-time" && !isDateTime(value)) {
    issues.push({ path, message: 'must match format "date-time"' });
  }
  for (const part of schema.allOf ?? []) issues.push(...issuesAt(part, value, path));
  if (schema.anyOf !== undefined) issues.push(...anyOfIssues(schema.anyOf, value, path));
  return issues;
}

function objectIssues(schema: JsonSchema, value: Record<string, unknown>, path: string): Issue[] {
  const issues: Issue[] = [];
  for (const name of schema.required ?? []) {
    if (value[name] === undefined)
      issues.push({ path: `${path}/${escapePointer(name)}`, message: "is required", missing: name });
  }
  const properties = schema.properties ?? {};
  for (const [name, item] of Object.entries(value)) {
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
    // A field set to undefined is not sent (JSON has no undefined): absent, as for `required`.
    if (property !== undefined) {
      if (item !== undefined) issues.push(...issuesAt(property, item, `${path}/${escapePointer(name)}`));
    } else if (schema.additionalProperties === false) {
      issues.push({ path: `${path}/${escapePointer(name)}`, message: "is not a field of the spec" });
    }
  }
  return issues;
}

/**
 * `anyOf`. An issue found in every alternative is the caller's mistake whichever was meant, so it is
 * reported once, as it is. What only some alternatives found is summed up in one issue ("must have
 * conversationId or contactId"), unless one alternative fails on the common issues alone.
 */
function anyOfIssues(alternatives: readonly JsonSchema[], value: unknown, path: string): Issue[] {
  const perAlternative = alternatives.map((alternative) => dedupe(issuesAt(alternative, value, path)));
  if (perAlternative.some((issues) => issues.length === 0)) return [];

  const common = perAlternative[0]!.filter((issue) =>
    perAlternative.every((issues) => issues.some((other) => isSame(issue, other))),
  );
  const specific = perAlternative.map((issues) =>
    issues.filter((issue) => !common.some((shared) => isSame(issue, shared))),
  );
  if (specific.some((issues) => issues.length === 0)) return common;
  const missing = specific.map((issues) => (issues.length === 1 ? issues[0]!.missing : undefined));
  if (missing.every((name) => name !== undefined))
    return [...common, { path, message: `must have ${missing.join(" or ")}` }];
  const described = specific.map((issues) =>
    issues.map((issue) => `${issue.path || "(body)"} ${issue.message}`).join(", "),
  );
  return [
    ...common,
    { path, message: `must match one of its alternatives, each failed: ${described.join(" | ")}` },
  ];
}

function hasType(value: unknown, type: JsonType): boolean {
  if (type === "object") return isPlainObject(value);
  return type === "array" ? Array.isArray(value) : typeof value === type;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isSame(a: Issue, b: Issue): boolean {
  return a.path === b.path && a.message === b.message;
}

function dedupe(issues: Issue[]): Issue[] {
  return issues.filter((issue, index) => issues.findIndex((other) => isSame(issue, other)) === index);
}

function escapePointer(name: string): string {
  return name.replaceAll("~", "~0").replaceAll("/", "~1");
}
