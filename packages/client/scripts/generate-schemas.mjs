// Regenerates src/generated/schemas.ts: the spec's request and success schemas (jsonSchemas of
// @ghl-inbound/types, refs inlined) as plain data for src/json-schema.ts, with what only documents
// dropped and every sub-schema that occurs more than once written once. Data, not code: nothing is
// compiled at run time (no `new Function`, so a strict Content-Security-Policy allows it) and no
// validator library is loaded. `--check` writes nothing and fails on drift.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { jsonSchemas } from "@ghl-inbound/types";

const target = new URL("../src/generated/schemas.ts", import.meta.url);
const isCheck = process.argv.includes("--check");

const ROOTS = {
  inboundMessageRequest: jsonSchemas.InboundMessageRequest,
  inboundMessageResponse: jsonSchemas.InboundMessageResponse,
};
/** Keywords that only document. Every other keyword is kept, and must be one that JsonSchema knows. */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "default",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
]);
/** Keywords whose value is a schema, or a list of schemas. */
const SCHEMA_KEYWORDS = new Set(["items", "if", "then", "else", "not"]);
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf"]);

/** The schema without annotations. */
function strip(schema) {
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (SCHEMA_KEYWORDS.has(key)) out[key] = strip(value);
    else if (SCHEMA_LIST_KEYWORDS.has(key)) out[key] = value.map(strip);
    else if (key === "properties") out[key] = mapValues(value, strip);
    else out[key] = value;
  }
  return out;
}

/**
 * Counts how often each sub-schema occurs, by canonical text. A repeated sub-schema is not walked
 * again: its own parts are written once with it, so they count once for it.
 */
function count(schema, counts) {
  const text = canonical(schema);
  counts.set(text, (counts.get(text) ?? 0) + 1);
  if (counts.get(text) > 1) return;
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_KEYWORDS.has(key)) count(value, counts);
    else if (SCHEMA_LIST_KEYWORDS.has(key)) for (const item of value) count(item, counts);
    else if (key === "properties") for (const item of Object.values(value)) count(item, counts);
  }
}

const mapValues = (object, map) =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
const canonical = (schema) => JSON.stringify(schema);

const roots = mapValues(ROOTS, strip);
const counts = new Map();
for (const root of Object.values(roots)) count(root, counts);

/** Shared definitions by canonical text, each written once. */
const sharedNames = new Map();
const usedNames = new Set(Object.keys(roots));
const definitions = [];

/** A name that says what a small schema is ("nonEmptyString"), else where it first occurs. */
function nameOf(schema, place) {
  const keys = Object.keys(schema).sort().join(",");
  if (keys === "type" && typeof schema.type === "string") return schema.type;
  if (keys === "minLength,type" && schema.type === "string" && schema.minLength === 1)
    return "nonEmptyString";
  if (keys === "format,type" && schema.type === "string")
    return schema.format.replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (keys === "items,type" && schema.type === "array") return `${nameOf(schema.items, "item")}Array`;
  return place;
}

function define(schema, place, pointer) {
  const text = canonical(schema);
  if (sharedNames.has(text)) return sharedNames.get(text);
  const body = render(schema, pointer);
  const name = nameOf(schema, place);
  let unique = name;
  for (let suffix = 2; usedNames.has(unique); suffix++) unique = `${name}${suffix}`;
  usedNames.add(unique);
  definitions.push(`/** First at ${pointer}. */\nconst ${unique}: JsonSchema = ${body};`);
  sharedNames.set(text, unique);
  return unique;
}

/** A schema as a TypeScript literal; a sub-schema that occurs more than once, by its shared name. */
function render(schema, pointer) {
  const refer = (item, place, at) =>
    (counts.get(canonical(item)) ?? 0) > 1 ? define(item, place, at) : render(item, at);
  const entries = Object.entries(schema).map(([key, value]) => {
    if (SCHEMA_KEYWORDS.has(key)) return `${key}: ${refer(value, key, `${pointer}/${key}`)}`;
    if (SCHEMA_LIST_KEYWORDS.has(key)) {
      const items = value.map((item, index) => refer(item, `${key}${index}`, `${pointer}/${key}/${index}`));
      return `${key}: [${items.join(", ")}]`;
    }
    if (key === "properties") {
      const properties = Object.entries(value).map(
        ([name, item]) => `${JSON.stringify(name)}: ${refer(item, name, `${pointer}/properties/${name}`)}`,
      );
      return `properties: { ${properties.join(", ")} }`;
    }
    return `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{ ${entries.join(", ")} }`;
}

const exported = Object.entries(roots).map(
  ([name, schema]) => `export const ${name}: JsonSchema = ${render(schema, name)};`,
);

const text = `/**
 * This file was generated from spec/openapi.yaml (through jsonSchemas of @ghl-inbound/types) by
 * packages/client/scripts/generate-schemas.mjs. Do not edit it by hand: run \`pnpm generate\`.
 * src/json-schema.ts checks values against it; typed JsonSchema, a keyword it does not know is a
 * compile error.
 */
import type { JsonSchema } from "../json-schema.js";

${definitions.join("\n")}

${exported.join("\n")}
`;

if (isCheck) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    console.error(`${fileURLToPath(target)} differs from the spec; run \`pnpm generate\``);
    process.exit(1);
  }
} else {
  await writeFile(target, text);
  console.log("generated src/generated/schemas.ts");
}
