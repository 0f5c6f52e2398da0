// Checks a value against one of the spec's schemas (src/generated/schemas.ts) and says what is wrong,
// one issue per field, in words a caller can act on: the one summary of schema problems in ghl-inbound.
// The client's ValidationError lists its issues; the mock's 422 for the embedded spec is made of its
// problems' sentences, in class-validator's words where known (HighLevel validates with it: "attachments
// must contain at least 1 elements"). It knows the JSON Schema keywords that the spec
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
  minItems?: number;
  format?: "date-time" | "uri";
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
}

/** An issue as the mock reports it: which keyword failed, and one sentence that names the field. */
export interface SchemaProblem extends ValidationIssue {
  /** The JSON Schema keyword that failed: `required`, `enum`, `minItems`, `type`, `anyOf` ... */
  keyword: string;
  /**
   * The issue in one sentence that names its field, in class-validator's words where they are known
   * ("attachments must contain at least 1 elements", "property contactID should not exist").
   */
  sentence: string;
}

/** An issue, with what the alternatives of an anyOf or oneOf need to sum issues up. */
interface Issue extends SchemaProblem {
  /** For "is required": the field's name (to say "must have conversationId or contactId"). */
  missing?: string;
  /** For a value an enum or const refused: the values allowed (to tell which alternative the value chose). */
  allowed?: readonly JsonPrimitive[];
}

/** Every issue of `value` against `schema`; none when it matches. Paths are JSON pointers. */
export function findSchemaIssues(schema: JsonSchema, value: unknown): ValidationIssue[] {
  return findSchemaProblems(schema, value).map(({ path, message }) => ({ path, message }));
}

/** findSchemaIssues(), each issue with its keyword and its sentence. */
export function findSchemaProblems(schema: JsonSchema, value: unknown): SchemaProblem[] {
  return dedupe(issuesAt(schema, value, "")).map(({ path, message, keyword, sentence }) => ({
    path,
    message,
    keyword,
    sentence,
  }));
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
    const allowed = [schema.const ?? null];
    return [
      issue(path, "const", "must be equal to constant", `must be equal to ${allowed.join("")}`, { allowed }),
    ];
  }
  if (schema.type !== undefined && !hasType(value, schema.type)) {
    return [issue(path, "type", `must be ${schema.type}`, `must be ${TYPE_WORDS[schema.type]}`)];
  }
  const issues: Issue[] = [];
  if (isPlainObject(value)) issues.push(...objectIssues(schema, value, path));
  if (Array.isArray(value) && schema.minItems !== undefined && value.length < schema.minItems) {
    const { minItems } = schema;
    const items = minItems === 1 ? "item" : "items";
    issues.push(
      issue(
        path,
        "minItems",
        `must have at least ${minItems} ${items}`,
        `must contain at least ${minItems} elements`,
      ),
    );
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    for (const [index, item] of value.entries())
      issues.push(...issuesAt(schema.items, item, `${path}/${index}`));
  }
  // Length in code points, as JSON Schema counts it.
  if (typeof value === "string" && schema.minLength !== undefined && [...value].length < schema.minLength) {
    const { minLength } = schema;
    issues.push(
      minLength === 1
        ? issue(path, "minLength", "must not be empty", "should not be empty")
        : issue(
            path,
            "minLength",
            `must have at least ${minLength} characters`,
            `must be longer than or equal to ${minLength} characters`,
          ),
    );
  }
  if (typeof value === "string" && schema.format === "date-time" && !isDateTime(value)) {
    issues.push(
      issue(path, "format", 'must match format "date-time"', "must be a valid ISO 8601 date string"),
    );
  }
  if (typeof value === "string" && schema.format === "uri" && !isUri(value)) {
    issues.push(issue(path, "format", 'must match format "uri"', "must be a URL address"));
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
    if (value[name] === undefined) {
      const at = `${path}/${escapePointer(name)}`;
      issues.push(issue(at, "required", "is required", "should not be empty", { missing: name }));
    }
  }
  const properties = schema.properties ?? {};
  for (const [name, item] of Object.entries(value)) {
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
    // A field set to undefined is not sent (JSON has no undefined): absent, as for `required`.
    if (property !== undefined) {
      if (item !== undefined) issues.push(...issuesAt(property, item, `${path}/${escapePointer(name)}`));
    } else if (schema.additionalProperties === false) {
      const at = `${path}/${escapePointer(name)}`;
      issues.push({
        path: at,
        message: "is not a field of the spec",
        keyword: "additionalProperties",
        sentence: `property ${fieldOf(at)} should not exist`,
      });
    }
  }
  return issues;
}

/**
 * `anyOf` (one alternative or more must match) and `oneOf` (exactly one). What the rest of the schema
 * already reported (`contactId` is empty) does not tell alternatives apart, so it is left out of what
 * they say. An alternative whose enum
 * refused the value (`type` is not "SMS" or "Email") is not the one the caller meant while another
 * accepts it: only those still in play are reported, a missing field as "is required when type is
 * "Custom"" (the value that chose them). When every alternative refuses the value, one issue lists every
 * value they allow.
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
  if (matching > 1) {
    const message = `must match exactly one of its alternatives, not ${matching}`;
    return [issue(path, "oneOf", message, message)];
  }
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
  if (inPlay.length === 0) {
    // The field's own enum already refused the value (and listed every value, in its order).
    const isReported = reported.some((issue) => issue.path === refusedPath && issue.allowed !== undefined);
    return isReported ? [] : [refusal(refusedPath!, allowed)];
  }
  const chooser = refusedPath!.split("/").pop()!;
  const chosen = isPlainObject(value) ? value[unescapePointer(chooser)] : undefined;
  const condition = `when ${chooser} is`;
  return summed(inPlay, path).map((found) =>
    found.missing === undefined
      ? found
      : {
          ...found,
          message: `is required ${condition} ${quote(chosen as JsonPrimitive)}`,
          sentence: `${fieldOf(found.path)} should not be empty ${condition} ${String(chosen)}`,
        },
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
    const message = `must have ${missing.join(" or ")}`;
    return [...common, issue(path, "anyOf", message, message)];
  }
  // Otherwise each alternative's own faults, each naming its field: fixing one alternative's will do.
  return [...common, ...specific.flat()];
}

function refusal(path: string, allowed: readonly JsonPrimitive[]): Issue {
  const message = `must be one of ${allowed.map(quote).join(", ")}`;
  return issue(path, "enum", message, `must be one of the following values: ${allowed.join(", ")}`, {
    allowed,
  });
}

/** `sentence` is said of the field: "attachments" + "must contain at least 1 elements". */
function issue(
  path: string,
  keyword: string,
  message: string,
  sentence: string,
  more: Pick<Issue, "missing" | "allowed"> = {},
): Issue {
  return { path, message, keyword, sentence: `${fieldOf(path)} ${sentence}`, ...more };
}

/**
 * A field as class-validator names it: `call.status`; an item of a list as "each value in emailBcc"
 * (its wording for `each: true` rules); the body itself as "body".
 */
function fieldOf(path: string): string {
  if (path === "") return "body";
  const names = path.slice(1).split("/").map(unescapePointer);
  const last = names.at(-1)!;
  if (names.length > 1 && /^\d+$/.test(last)) return `each value in ${names.slice(0, -1).join(".")}`;
  return names.join(".");
}

const TYPE_WORDS: Record<JsonType, string> = {
  object: "an object",
  array: "an array",
  string: "a string",
  boolean: "a boolean value",
};

/** An absolute URI (a scheme, then no white space), as JSON Schema's "uri" format asks. */
function isUri(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
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

function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}
