// Checks a value against one of the spec's schemas (src/generated/schemas.ts) and says what is wrong,
// one issue per field, in words a caller can act on. It knows the JSON Schema keywords that
// `JsonSchema` lists and no others: the generated schemas are typed `satisfies JsonSchema`, so a spec
// that starts to use another keyword fails to compile rather than being half checked.
import { isDateTime } from "./date-time.js";
import type { ValidationIssue } from "./errors.js";

type JsonType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";
/** Values compared with ===: an enum or const of objects would need a deep comparison this does not make. */
type JsonPrimitive = string | number | boolean | null;

export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  enum?: readonly JsonPrimitive[];
  const?: JsonPrimitive;
  required?: readonly string[];
  properties?: { readonly [name: string]: JsonSchema };
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: "date-time";
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
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
  if (schema.type !== undefined) {
    const types: readonly JsonType[] = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((type) => hasType(value, type)))
      return [{ path, message: `must be ${types.join(" or ")}` }];
  }
  const issues: Issue[] = [];
  if (isPlainObject(value)) issues.push(...objectIssues(schema, value, path));
  else if (Array.isArray(value)) issues.push(...arrayIssues(schema, value, path));
  else if (typeof value === "string") issues.push(...stringIssues(schema, value, path));
  else if (typeof value === "number") issues.push(...numberIssues(schema, value, path));

  for (const part of schema.allOf ?? []) issues.push(...issuesAt(part, value, path));
  if (schema.anyOf !== undefined) issues.push(...alternativeIssues(schema.anyOf, value, path, false));
  if (schema.oneOf !== undefined) issues.push(...alternativeIssues(schema.oneOf, value, path, true));
  if (schema.if !== undefined) {
    const branch = issuesAt(schema.if, value, path).length === 0 ? schema.then : schema.else;
    if (branch !== undefined) issues.push(...issuesAt(branch, value, path));
  }
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

function arrayIssues(schema: JsonSchema, value: readonly unknown[], path: string): Issue[] {
  const issues: Issue[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    issues.push({ path, message: `must have at least ${schema.minItems} items` });
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    issues.push({ path, message: `must have at most ${schema.maxItems} items` });
  }
  const { items } = schema;
  if (items !== undefined) {
    for (const [index, item] of value.entries()) issues.push(...issuesAt(items, item, `${path}/${index}`));
  }
  return issues;
}

function stringIssues(schema: JsonSchema, value: string, path: string): Issue[] {
  const issues: Issue[] = [];
  // Length in code points, as JSON Schema counts it.
  const length = schema.minLength === undefined && schema.maxLength === undefined ? 0 : [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) {
    issues.push({
      path,
      message:
        schema.minLength === 1 ? "must not be empty" : `must have at least ${schema.minLength} characters`,
    });
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    issues.push({ path, message: `must have at most ${schema.maxLength} characters` });
  }
  if (schema.format === "date-time" && !isDateTime(value))
    issues.push({ path, message: 'must match format "date-time"' });
  return issues;
}

function numberIssues(schema: JsonSchema, value: number, path: string): Issue[] {
  const issues: Issue[] = [];
  if (schema.minimum !== undefined && value < schema.minimum)
    issues.push({ path, message: `must be >= ${schema.minimum}` });
  if (schema.maximum !== undefined && value > schema.maximum)
    issues.push({ path, message: `must be <= ${schema.maximum}` });
  return issues;
}

/**
 * `anyOf` / `oneOf`. An issue found in every alternative is the caller's mistake whichever was meant,
 * so it is reported once, as it is. What only some alternatives found is summed up in one issue
 * ("must have conversationId or contactId"), unless one alternative fails on the common issues alone.
 */
function alternativeIssues(
  alternatives: readonly JsonSchema[],
  value: unknown,
  path: string,
  isExclusive: boolean,
): Issue[] {
  const perAlternative = alternatives.map((alternative) => dedupe(issuesAt(alternative, value, path)));
  const matching = perAlternative.filter((issues) => issues.length === 0).length;
  if (matching === 1 || (matching > 1 && !isExclusive)) return [];
  if (matching > 1)
    return [
      {
        path,
        message: `must match exactly one of its ${alternatives.length} alternatives, matches ${matching}`,
      },
    ];

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
  switch (type) {
    case "object":
      return isPlainObject(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
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
