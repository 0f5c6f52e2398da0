import { copyFile, readFile, writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";
import { parse } from "yaml";

/** The spec ships inside the package, so the mock works when installed from npm, outside this repo. */
async function copySpec(): Promise<void> {
  await copyFile("../../spec/openapi.yaml", "dist/openapi.yaml");
  const document: unknown = parse(await readFile("../../spec/openapi.yaml", "utf8"));
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
  onSuccess: copySpec,
});
