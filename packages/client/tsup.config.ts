import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // Dependencies stay external (tsup's default): openapi-fetch's CommonJS build breaks when it is
  // bundled into this package's CJS output; test/dist.test.ts loads both builds to prove it works.
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
});
