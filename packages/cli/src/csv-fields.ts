// How a CSV cell becomes a field of the body. Which fields are arrays (a `;`-separated cell) or
// objects (`call.to` headers) is read from the spec's own JSON Schema, not from a list kept here.
import { jsonSchemas } from "@ghl-inbound/types";

type SchemaNode = {
  readonly type?: string | readonly string[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly allOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
};

/** Path segments that reach an object's prototype: never a field of the body. */
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/** The segment of a header (`call.to`) that could reach a prototype, if there is one. */
export function forbiddenSegmentOf(header: string): string | undefined {
  return header.split(".").find((segment) => FORBIDDEN_SEGMENTS.has(segment));
}

/** What a column holds, as far as turning its text into JSON goes. */
export type FieldKind = "array" | "number" | "boolean" | "string";

const ARRAY_SEPARATOR = ";";
const requestSchema: SchemaNode = jsonSchemas.InboundMessageRequest;

/** A schema and every branch of its allOf/anyOf/oneOf, nested ones too. */
function withBranches(schema: SchemaNode): SchemaNode[] {
  const branches = [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  return [schema, ...branches.flatMap(withBranches)];
}

/** Every schema the value at `path` (property names from the body down) may have to match. */
function schemasAt(path: readonly string[], schema: SchemaNode = requestSchema): SchemaNode[] {
  const nodes = withBranches(schema);
  if (path.length === 0) return nodes;
  const [name, ...rest] = path;
  return nodes.flatMap((node) => {
    const child = node.properties?.[name!];
    return child === undefined ? [] : schemasAt(rest, child);
  });
}

/** The kind of the field a header names (`attachments`, `call.to`); "string" when the spec does not know it. */
export function fieldKindOf(header: string): FieldKind {
  const types = schemasAt(header.split(".")).flatMap((node) =>
    node.type === undefined ? [] : typeof node.type === "string" ? [node.type] : node.type,
  );
  if (types.includes("array")) return "array";
  if (types.includes("number") || types.includes("integer")) return "number";
  if (types.includes("boolean")) return "boolean";
  return "string";
}

/** Whether the spec knows a field at `header` (`message`, `call.to`). */
function isKnownField(header: string): boolean {
  return header !== "" && schemasAt(header.split(".")).length > 0;
}

/** Fields every body needs: `required` here and in every allOf part. */
function alwaysRequired(schema: SchemaNode): string[] {
  return [...(schema.required ?? []), ...(schema.allOf ?? []).flatMap(alwaysRequired)];
}

/** The rules with alternatives (anyOf, oneOf), from here and every allOf part. */
function alternativeRules(schema: SchemaNode): (readonly SchemaNode[])[] {
  const own = [schema.anyOf, schema.oneOf].filter((rule) => rule !== undefined);
  return [...own, ...(schema.allOf ?? []).flatMap(alternativeRules)];
}

/**
 * Fields a body cannot do without, as header columns: `type`, then one entry per rule with alternatives
 * ("conversationId or contactId") that no alternative satisfies with the columns there are. A rule with an
 * alternative that needs nothing more (SMS on the default provider needs no conversationProviderId) asks
 * for nothing.
 */
function missingFields(headers: ReadonlySet<string>): string[] {
  const required = [...new Set(alwaysRequired(requestSchema))];
  const missing = required.filter((field) => !headers.has(field));
  // Already said above: an alternative is judged on what it needs beyond the always-required fields.
  const given = new Set([...headers, ...required]);
  for (const alternatives of alternativeRules(requestSchema)) {
    const needs = alternatives.map((alternative) => [
      ...new Set([...alwaysRequired(alternative)].filter((field) => !given.has(field))),
    ]);
    if (needs.every((need) => need.length > 0))
      missing.push(needs.map((need) => need.join(" and ")).join(" or "));
  }
  return missing;
}

/**
 * What is wrong with a header row, said once for the whole file: the columns that name no field of the
 * body, and the fields no column provides. Undefined when every column is a field and nothing is missing.
 */
export function describeHeaderProblems(headers: readonly string[]): string | undefined {
  const unknown = headers.filter((header) => !isKnownField(header));
  const missing = missingFields(new Set(headers.map((header) => header.split(".")[0]!)));
  const problems: string[] = [];
  if (unknown.length > 0) {
    const names = unknown.map((header) => (header === "" ? "(an empty header)" : header));
    problems.push(
      `${names.length === 1 ? "column" : "columns"} ${names.join(", ")} ${names.length === 1 ? "is not a field" : "are not fields"} of the body`,
    );
  }
  if (missing.length > 0) problems.push(`no column for ${missing.join(", ")}`);
  return problems.length === 0 ? undefined : `the CSV header row is wrong: ${problems.join("; ")}`;
}

/**
 * A body from one row: empty cells are left out, `a;b` fills an array field, `call.to` sets `to` in
 * `call`. A cell that does not read as its field's kind is kept as text, for the validator to name.
 */
export function bodyFromRow(
  headers: readonly string[],
  kinds: readonly FieldKind[],
  cells: readonly string[],
) {
  const body: Record<string, unknown> = {};
  headers.forEach((header, index) => {
    const cell = cells[index] ?? "";
    if (cell === "") return;
    const path = header.split(".");
    let target = body;
    for (const name of path.slice(0, -1)) {
      const next = Object.hasOwn(target, name) ? target[name] : undefined;
      if (typeof next !== "object" || next === null) target[name] = {};
      target = target[name] as Record<string, unknown>;
    }
    target[path.at(-1)!] = cellValue(cell, kinds[index] ?? "string");
  });
  return body;
}

function cellValue(cell: string, kind: FieldKind): unknown {
  switch (kind) {
    case "array":
      return cell
        .split(ARRAY_SEPARATOR)
        .map((item) => item.trim())
        .filter((item) => item !== "");
    case "number":
      return /^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell) : cell;
    case "boolean":
      return cell === "true" ? true : cell === "false" ? false : cell;
    default:
      return cell;
  }
}
