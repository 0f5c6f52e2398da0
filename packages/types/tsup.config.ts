import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // The spec ships beside the types so that a consumer (the mock, a docs site) reads the same file.
  onSuccess: () => copyFile("../../spec/openapi.yaml", "dist/openapi.yaml"),
});
