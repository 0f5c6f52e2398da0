import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export const specPath = new URL("../../../spec/openapi.yaml", import.meta.url);

/** A fresh copy of the spec for each caller: parsers dereference in place. */
// biome-ignore lint/suspicious/noExplicitAny: the parsed YAML is walked by tests that assert its shape.
export function readSpec(): Record<string, any> {
  return parse(readFileSync(specPath, "utf8"));
}

/** Ajv over the raw OpenAPI document, so $refs resolve exactly as the spec writes them. */
export function compileFromSpec(pointer: string): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...readSpec(), $id: "openapi.json" });
  const validate = ajv.getSchema(`openapi.json#${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
}
