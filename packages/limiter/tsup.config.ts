import { defineConfig } from "tsup";

export default defineConfig({
  // `rules` is the stateless part that @ghl-inbound/client bundles (src/rules.ts).
  entry: ["src/index.ts", "src/rules.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
