import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export const specUrl = new URL("../../../../spec/openapi.yaml", import.meta.url);

/** The parts of the OpenAPI document these tests read. */
export interface SpecResponse {
  description: string;
  headers?: Record<string, { $ref?: string }>;
  content?: Record<string, { schema: { $ref: string }; example?: unknown }>;
}
export interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { enum?: string[]; example?: unknown } & Record<string, unknown>>;
    responses: Record<string, SpecResponse>;
    parameters: Record<string, { name: string; schema: { enum: string[] } }>;
    headers: Record<string, { schema: { example?: unknown } }>;
  };
}
export interface Operation {
  operationId: string;
  parameters: { $ref: string }[];
  requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> };
  responses: Record<string, { $ref: string }>;
}

export const OPERATION_PATH = "/conversations/messages/inbound";

/** A fresh parse for each caller: nothing can leak between tests through a shared object. */
export function readSpec(): Spec {
  return parse(readFileSync(specUrl, "utf8")) as Spec;
}

export function readOperation(spec: Spec = readSpec()): Operation {
  return spec.paths[OPERATION_PATH]!.post!;
}

/**
 * Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect) over the whole document, so a pointer such as
 * `/components/schemas/InboundMessageRequest` is validated with its $refs resolved as the spec
 * writes them, not through a copy.
 */
export function createSpecValidator(document: unknown = readSpec()): (pointer: string) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...(document as object), $id: "openapi.json" });
  return (pointer) => {
    const validate = ajv.getSchema(`openapi.json#${encodeURI(pointer)}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    return validate;
  };
}

/** `#/components/responses/MessageAdded` -> the pointer of its JSON body's schema. */
export function responseSchemaPointer(spec: Spec, status: string): string {
  const ref = readOperation(spec).responses[status]?.$ref;
  if (!ref) throw new Error(`the operation documents no ${status} response`);
  return `${ref.slice(1)}/content/application~1json/schema`;
}

export function responseOf(spec: Spec, status: string): SpecResponse {
  const ref = readOperation(spec).responses[status]!.$ref;
  return spec.components.responses[ref.split("/").at(-1)!]!;
}

/** "/call/status: must be equal to one of the allowed values" lines, for assertion messages. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"}: ${error.message}`).join("\n");
}
