// Regenerates src/generated/ from spec/openapi.yaml. `--check` writes nothing and fails on drift.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";

const specUrl = new URL("../../../spec/openapi.yaml", import.meta.url);
const outDir = new URL("../src/generated/", import.meta.url);
const isCheck = process.argv.includes("--check");

const HEADER = `/**
 * This file was generated from spec/openapi.yaml by packages/types/scripts/generate.mjs.
 * Do not edit it by hand: change the spec, then run \`pnpm generate\`.
 */
`;

const spec = parse(await readFile(specUrl, "utf8"));
const schemas = spec.components.schemas;

function enumOf(name) {
  const values = schemas[name]?.enum;
  if (!Array.isArray(values)) throw new Error(`spec: components.schemas.${name} has no enum`);
  return values;
}

/** Inlines every local $ref and drops what only documents (examples, x- extensions). */
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    const target = node.$ref
      .split("/")
      .slice(1)
      .reduce((at, key) => at?.[key], spec);
    if (target === undefined) throw new Error(`spec: unresolved $ref ${node.$ref}`);
    return toJsonSchema(target);
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
    out[key] = toJsonSchema(value);
  }
  return out;
}

const versionParameter = spec.components.parameters.Version;
const json = (value) => JSON.stringify(value, null, 2);

const constants = `${HEADER}
/**
 * The \`Version\` header value ghl-inbound sends: the spec's default, the one HighLevel's
 * apps/conversations.json declares. \`ApiVersion\` lists every value the spec accepts.
 */
export const API_VERSION = ${json(versionParameter.schema.default)} as const;

/** Every value the spec accepts in the \`Version\` header: what HighLevel's own clients send. */
export const API_VERSIONS = ${json(versionParameter.schema.enum)} as const;

/** Every value of the request's \`type\` field (HighLevel's 17). */
export const INBOUND_MESSAGE_TYPES = ${json(enumOf("InboundMessageType"))} as const;

/**
 * The types that need \`conversationProviderId\`: messages of a Custom or Call provider (HighLevel's
 * provider guide). Every other type may leave it out.
 */
export const PROVIDER_REQUIRED_MESSAGE_TYPES = ${json(enumOf("ProviderRequiredMessageType"))} as const;

/** The types that may leave out \`conversationProviderId\`: every type but Custom and Call. */
export const PROVIDER_OPTIONAL_MESSAGE_TYPES = ${json(enumOf("ProviderOptionalMessageType"))} as const;

/** Every value of \`call.status\`. */
export const CALL_STATUSES = ${json(enumOf("CallStatus"))} as const;

/** Every value of \`direction\`; HighLevel assumes \`${schemas.MessageDirection.default}\` when it is absent. */
export const MESSAGE_DIRECTIONS = ${json(enumOf("MessageDirection"))} as const;

/** The operation's method, path and server, as the spec declares them. */
export const OPERATION = ${json({
  operationId: spec.paths["/conversations/messages/inbound"].post.operationId,
  method: "POST",
  path: "/conversations/messages/inbound",
  serverUrl: spec.servers[0].url,
})} as const;

/**
 * The spec's schemas as self-contained JSON Schemas (refs inlined, examples dropped), for
 * validators such as Ajv: what the spec forbids can be refused before anything is sent.
 */
export const jsonSchemas = ${json({
  InboundMessageRequest: toJsonSchema(schemas.InboundMessageRequest),
  InboundMessageResponse: toJsonSchema(schemas.InboundMessageResponse),
  BadRequestResponse: toJsonSchema(schemas.BadRequestResponse),
  UnauthorizedResponse: toJsonSchema(schemas.UnauthorizedResponse),
  ForbiddenResponse: toJsonSchema(schemas.ForbiddenResponse),
  NotFoundResponse: toJsonSchema(schemas.NotFoundResponse),
  UnprocessableEntityResponse: toJsonSchema(schemas.UnprocessableEntityResponse),
  ErrorResponse: toJsonSchema(schemas.ErrorResponse),
})} as const;
`;

const ast = await openapiTS(specUrl, { alphabetize: false });
const files = {
  "schema.ts": `${HEADER}\n${astToString(ast)}`,
  "constants.ts": constants,
};

const drifted = [];
for (const [name, text] of Object.entries(files)) {
  const target = new URL(name, outDir);
  if (isCheck) {
    const current = await readFile(target, "utf8").catch(() => "");
    if (current !== text) drifted.push(fileURLToPath(target));
  } else {
    await mkdir(outDir, { recursive: true });
    await writeFile(target, text);
  }
}
if (drifted.length > 0) {
  console.error(
    `Generated files differ from spec/openapi.yaml; run \`pnpm generate\`:\n  ${drifted.join("\n  ")}`,
  );
  process.exit(1);
}
console.log(isCheck ? "generated files match the spec" : "generated src/generated/{schema,constants}.ts");
