import { copyFile, readFile, writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";
import { parse } from "yaml";
import { buildDocs } from "./scripts/build-docs.js";

const SPEC = "../../spec/openapi.yaml";

/** The spec ships inside the package, so the mock works when installed from npm, outside this repo. */
async function copySpec(): Promise<void> {
  await copyFile(SPEC, "dist/openapi.yaml");
  const document: unknown = parse(await readFile(SPEC, "utf8"));
  await writeFile("dist/openapi.json", `${JSON.stringify(document, null, 2)}\n`);
}

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm", "cjs"],
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  target: "node20",
  // import.meta.url locates dist/openapi.yaml; the shim gives the CommonJS build one too.
  shims: true,
  // The redaction rule shared with the client and the limiter (@ghl-inbound/limiter/rules), bundled in:
  // the mock installs no package of ours.
  noExternal: ["@ghl-inbound/limiter/rules"],
  onSuccess: async () => {
    await copySpec();
    await buildDocs(SPEC, `${process.cwd()}/dist/docs/index.html`);
  },
});
