import { defineConfig } from "tsup";

export default defineConfig({
  // `rules` is the stateless part that @ghl-inbound/client bundles (src/rules.ts).
  entry: ["src/index.ts", "src/rules.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  // No source maps: the dist is not minified and reads as the source does, and maps with the sources
  // in them would more than double what every user installs (packages/bench, install footprint).
  sourcemap: false,
  target: "node20",
});
