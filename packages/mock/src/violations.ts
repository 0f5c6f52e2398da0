/** One problem found in a request, as the mock reports it in a 400 body. */
export interface Violation {
  /** Where the problem is: `header.version`, `body`, `body.call.status`. */
  location: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `format`, ...), or Prism's code. */
  code: string;
  /** Prism's sentence, which names the field: "Request body property type must be ...". */
  message: string;
}

/** A diagnostic as Prism's validator reports it (severity 0 is an error). */
export interface PrismDiagnostic {
  path?: readonly string[];
  code?: string | number;
  message: string;
  severity: number;
}

/** The parts of a (dereferenced) JSON Schema that the summary reads. */
export interface BodySchema {
  properties?: Record<string, { enum?: readonly unknown[] } | undefined>;
  required?: readonly string[];
  allOf?: readonly BodySchema[];
  anyOf?: readonly BodySchema[];
  oneOf?: readonly BodySchema[];
}

/** The rules of the body schema's alternatives (`anyOf`/`oneOf`), read once per schema. */
interface BodyRules {
  /** Every value a top-level property's enums allow, over all the places that declare one. */
  allowed: Map<string, Set<unknown>>;
  /** Alternatives whose branches differ only in what they require ("conversationId or contactId"). */
  eitherOr: string[][][];
  /** Properties required by a branch chosen by an enum ("conversationProviderId unless type is SMS or Email"). */
  tagged: Map<string, { tag: string; unlessValues: unknown[] }>;
}

const ERROR_SEVERITY = 0;
const REQUIRED_PROPERTY = /required property '([^']+)'/;
const ALTERNATIVE_CODES = new Set(["anyOf", "oneOf"]);

/**
 * Turns Prism's request diagnostics into the list a person can act on.
 *
 * Prism validates an `anyOf`/`oneOf` by reporting every branch's errors plus one "must match ...".
 * This spec's body is `allOf` of its fields and two alternatives: `conversationId` or `contactId`,
 * and `conversationProviderId` unless `type` is SMS or Email. Read raw, a Custom message without a
 * provider id says "type must be SMS or Email; must have conversationProviderId; must match exactly
 * one schema": the first is the branch the caller did not mean. With the body schema in hand the
 * summary keeps what the caller must change, read from the schema rather than from this spec's names:
 * - an enum that only picks a branch (narrower than the field's own) is not a problem of its own;
 * - a property required by a branch that the body's value did pick is required "unless ...";
 * - missing properties that each satisfy one branch are one "either ... or ..." problem.
 */
export function summarizeViolations(
  diagnostics: readonly PrismDiagnostic[],
  request: { schema?: BodySchema; body?: unknown } = {},
): Violation[] {
  const rules = rulesOf(request.schema);
  const body = isRecord(request.body) ? request.body : {};
  const violations: Violation[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== ERROR_SEVERITY || ALTERNATIVE_CODES.has(String(diagnostic.code))) continue;
    const missing = REQUIRED_PROPERTY.exec(diagnostic.message)?.[1];
    const path = diagnostic.path && diagnostic.path.length > 0 ? [...diagnostic.path] : ["body"];
    if (diagnostic.code === "required" && missing !== undefined) path.push(missing);
    const violation = {
      location: path.join("."),
      code: String(diagnostic.code ?? "invalid"),
      message: diagnostic.message,
    };
    const field = path[0] === "body" && path.length === 2 ? path[1]! : undefined;
    if (
      field !== undefined &&
      violation.code === "enum" &&
      isBranchChoice(diagnostic.message, rules.allowed.get(field))
    ) {
      continue;
    }
    const tagged = field !== undefined && violation.code === "required" ? rules.tagged.get(field) : undefined;
    if (tagged) {
      // With a value the field itself refuses, no branch was chosen: the value is the problem.
      if (!rules.allowed.get(tagged.tag)?.has(body[tagged.tag])) continue;
      const values = tagged.unlessValues.map((value) => String(value)).join(" or ");
      violation.message = `${violation.message} (required unless ${tagged.tag} is ${values})`;
    }
    if (path[0] === "header" && violation.code === "enum")
      violation.message += headerAdvice(path[1], diagnostic.message);
    violations.push(violation);
  }
  return mergeEitherOr(dedupe(violations), rules.eitherOr);
}

/** "; send the header Version: 2021-04-15": the first value the spec allows (its preferred one). */
function headerAdvice(name: string | undefined, message: string): string {
  const first = message
    .slice(message.lastIndexOf(":") + 1)
    .split(",")[0]
    ?.trim();
  if (!name || !first) return "";
  return `; send the header ${name.charAt(0).toUpperCase()}${name.slice(1)}: ${first}`;
}

/** Enum diagnostics list the allowed values; one narrower than the field's own only picked a branch. */
function isBranchChoice(message: string, fieldValues: Set<unknown> | undefined): boolean {
  if (fieldValues === undefined) return false;
  const listed = message
    .slice(message.lastIndexOf(":") + 1)
    .split(",")
    .map((value) => value.trim());
  return listed.length < fieldValues.size;
}

function mergeEitherOr(violations: Violation[], alternatives: string[][][]): Violation[] {
  let result = violations;
  for (const branches of alternatives) {
    if (branches.some((required) => required.length !== 1)) continue;
    const names = branches.map((required) => required[0]!);
    const missing = names.map((name) =>
      result.find((violation) => violation.code === "required" && violation.location === `body.${name}`),
    );
    if (missing.some((violation) => violation === undefined)) continue;
    const subject = missing[0]!.message.slice(0, missing[0]!.message.indexOf(" must"));
    const merged: Violation = {
      location: "body",
      code: "required",
      message: `${subject} must have required property ${names.map((name) => `'${name}'`).join(" or ")}`,
    };
    const firstIndex = result.indexOf(missing[0]!);
    result = result.filter((violation) => !missing.includes(violation));
    result.splice(Math.min(firstIndex, result.length), 0, merged);
  }
  return result;
}

const rulesCache = new WeakMap<BodySchema, BodyRules>();

function rulesOf(schema: BodySchema | undefined): BodyRules {
  const empty: BodyRules = { allowed: new Map(), eitherOr: [], tagged: new Map() };
  if (schema === undefined) return empty;
  const cached = rulesCache.get(schema);
  if (cached) return cached;
  const rules = empty;
  const visit = (node: BodySchema): void => {
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      if (!Array.isArray(property?.enum)) continue;
      const values = rules.allowed.get(name) ?? new Set();
      for (const value of property.enum) values.add(value);
      rules.allowed.set(name, values);
    }
    for (const part of node.allOf ?? []) visit(part);
    for (const branches of [node.anyOf, node.oneOf]) {
      if (!branches) continue;
      branches.forEach(visit);
      const tags = branches.map(tagOf);
      if (tags.every((tag) => tag === undefined)) {
        rules.eitherOr.push(branches.map((branch) => [...(branch.required ?? [])]));
        continue;
      }
      for (const [index, branch] of branches.entries()) {
        const tag = tags[index];
        if (!tag) continue;
        const others = tags.filter((other, at) => at !== index && other?.name === tag.name);
        for (const name of branch.required ?? []) {
          if (name === tag.name || branches.every((other) => other.required?.includes(name))) continue;
          rules.tagged.set(name, { tag: tag.name, unlessValues: others.flatMap((other) => other!.values) });
        }
      }
    }
  };
  visit(schema);
  rulesCache.set(schema, rules);
  return rules;
}

/** The enum property that picks this branch, if one does. */
function tagOf(branch: BodySchema): { name: string; values: readonly unknown[] } | undefined {
  for (const [name, property] of Object.entries(branch.properties ?? {})) {
    if (Array.isArray(property?.enum) && branch.required?.includes(name))
      return { name, values: property.enum };
  }
  return undefined;
}

function dedupe(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.location}\u0000${violation.code}\u0000${violation.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
