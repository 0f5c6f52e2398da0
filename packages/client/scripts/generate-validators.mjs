// Regenerates src/generated/validators.ts: the spec's request and response schemas (jsonSchemas of
// @ghl-inbound/types) compiled by Ajv ahead of time. Compiled code needs no `new Function` at run time,
// so the client also works in a page whose Content-Security-Policy forbids 'unsafe-eval', and nothing
// is compiled on the first call. `--check` writes nothing and fails on drift.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { jsonSchemas } from "@ghl-inbound/types";
import { Ajv } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";

const target = new URL("../src/generated/validators.ts", import.meta.url);
const isCheck = process.argv.includes("--check");

// `unicode: false` measures strings with .length: the spec's only length rule is minLength 1, where
// UCS-2 and code-point lengths agree, and it spares a run-time import of Ajv's ucs2length helper.
const ajv = new Ajv({ allErrors: true, unicode: false, code: { source: true, esm: true } });
addFormats.default(ajv, ["date-time"]);
ajv.addSchema(jsonSchemas.InboundMessageRequest, "InboundMessageRequest");
ajv.addSchema(jsonSchemas.InboundMessageResponse, "InboundMessageResponse");
let code = standaloneCode.default(ajv, {
  validateInboundMessageRequest: "InboundMessageRequest",
  validateInboundMessageResponse: "InboundMessageResponse",
});

// Ajv's ESM output still require()s the format it uses; an import works in both of our builds.
const formatRequire = 'require("ajv-formats/dist/formats").fullFormats';
if (!code.includes(formatRequire) || code.replaceAll(formatRequire, "").includes("require(")) {
  throw new Error("Ajv's standalone output changed: review the imports this script rewrites");
}
code = code.replaceAll(formatRequire, "fullFormats").replace(/^"use strict";/, "");

const text = `/**
 * This file was generated from spec/openapi.yaml (through jsonSchemas of @ghl-inbound/types) by
 * packages/client/scripts/generate-validators.mjs. Do not edit it by hand: run \`pnpm generate\`.
 */
// @ts-nocheck: Ajv's generated code is checked by Ajv, not by this project's compiler settings.
import { fullFormats } from "ajv-formats/dist/formats.js";
${code}
`;

if (isCheck) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    console.error(`${fileURLToPath(target)} differs from the spec; run \`pnpm generate\``);
    process.exit(1);
  }
} else {
  await mkdir(new URL(".", target), { recursive: true });
  await writeFile(target, text);
  console.log("generated src/generated/validators.ts");
}
