// Checks a value against one of the spec's schemas (src/generated/schemas.ts) and says what is wrong,
// one issue per field, in words a caller can act on. It knows the JSON Schema keywords that the spec
// uses, those `JsonSchema` lists, and no others (every one costs bytes in a browser bundle): the
// generated schemas are typed `JsonSchema`, so a spec that starts to use another keyword
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
  oneOf?: readonly JsonSchema[];
}

/** An issue, with what the alternatives of an anyOf or oneOf need to sum issues up. */
interface Issue extends ValidationIssue {
  /** For "is required": the field's name (to say "must have conversationId or contactId"). */
  missing?: string;
  /** For a value an enum or const refused: the values allowed (to say "unless type is "SMS""). */
  allowed?: readonly JsonPrimitive[];
}

/** Every issue of `value` against `schema`; none when it matches. Paths are JSON pointers. */
export function findSchemaIssues(schema: JsonSchema, value: unknown): ValidationIssue[] {
  return dedupe(issuesAt(schema, value, "")).map(({ path, message }) => ({ path, message }));
}

/** `reported`: what other parts of the schema already found in this value (see alternativeIssues). */
function issuesAt(
  schema: JsonSchema,
  value: unknown,
  path: string,
  reported: readonly Issue[] = [],
): Issue[] {
  // A value outside an enum (or const) is told the values allowed, which also names the type.
  if (schema.enum !== undefined && !schema.enum.some((allowed) => allowed === value)) {
    return [refusal(path, schema.enum)];
  }
  if ("const" in schema && schema.const !== value) {
    return [{ path, message: "must be equal to constant", allowed: [schema.const ?? null] }];
  }
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
  for (const part of schema.allOf ?? [])
    issues.push(...issuesAt(part, value, path, [...reported, ...issues]));
  if (schema.anyOf !== undefined) {
    issues.push(...alternativeIssues(schema.anyOf, value, path, false, [...reported, ...issues]));
  }
  if (schema.oneOf !== undefined) {
    issues.push(...alternativeIssues(schema.oneOf, value, path, true, [...reported, ...issues]));
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

/**
 * `anyOf` (one alternative or more must match) and `oneOf` (exactly one). What the rest of the schema
 * already reported (`contactId` is empty) does not tell alternatives apart, so it is left out of what
 * they say. An alternative whose enum
 * refused the value (`type` is not "SMS" or "Email") is not the one the caller meant while another
 * accepts it: only those still in play are reported, a missing field as "is required unless type is
 * "SMS" or "Email"". When every alternative refuses the value, one issue lists every value they allow.
 */
function alternativeIssues(
  alternatives: readonly JsonSchema[],
  value: unknown,
  path: string,
  isExclusive: boolean,
  reported: readonly Issue[],
): Issue[] {
  const found = alternatives.map((alternative) => issuesAt(alternative, value, path));
  const matching = found.filter((issues) => issues.length === 0).length;
  if (matching === 1 || (matching > 1 && !isExclusive)) return [];
  if (matching > 1) return [{ path, message: `must match exactly one of its alternatives, not ${matching}` }];
  const perAlternative = found.map((issues) =>
    dedupe(issues).filter((issue) => !reported.some((other) => isSame(issue, other))),
  );

  const refusals = (issues: Issue[]) => issues.filter((issue) => issue.allowed !== undefined);
  const inPlay = perAlternative.filter((issues) => refusals(issues).length === 0);
  const refused = perAlternative.flatMap(refusals);
  const refusedPaths = new Set(refused.map((issue) => issue.path));
  if (refusedPaths.size !== 1 || inPlay.length === perAlternative.length) return summed(perAlternative, path);
  const [refusedPath] = refusedPaths;
  const allowed = [...new Set(refused.flatMap((issue) => issue.allowed ?? []))];
  if (inPlay.length === 0) return [refusal(refusedPath!, allowed)];
  const condition = `unless ${refusedPath!.split("/").pop()} is ${allowed.map(quote).join(" or ")}`;
  return summed(inPlay, path).map((issue) =>
    issue.missing === undefined ? issue : { ...issue, message: `is required ${condition}` },
  );
}

/**
 * What a set of failing alternatives says together. An issue found in every one is the caller's
 * mistake whichever was meant, so it is reported once, as it is; what only some found is summed up in
 * one issue where it can be ("must have conversationId or contactId"), unless one fails on the common
 * issues alone.
 */
function summed(perAlternative: Issue[][], path: string): Issue[] {
  const common = perAlternative[0]!.filter((issue) =>
    perAlternative.every((issues) => issues.some((other) => isSame(issue, other))),
  );
  const specific = perAlternative.map((issues) =>
    issues.filter((issue) => !common.some((shared) => isSame(issue, shared))),
  );
  if (specific.some((issues) => issues.length === 0)) return common;
  const missing = specific.map((issues) => (issues.length === 1 ? issues[0]!.missing : undefined));
  if (missing.every((name) => name !== undefined)) {
    return [...common, { path, message: `must have ${missing.join(" or ")}` }];
  }
  // Otherwise each alternative's own faults, each naming its field: fixing one alternative's will do.
  return [...common, ...specific.flat()];
}

function refusal(path: string, allowed: readonly JsonPrimitive[]): Issue {
  return { path, message: `must be one of ${allowed.map(quote).join(", ")}`, allowed };
}

function quote(value: JsonPrimitive): string {
  return JSON.stringify(value);
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
