import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  // No source maps: the dist is not minified and reads as the source does, and maps with the sources
  // in them would more than double what every user installs (packages/bench, install footprint).
  sourcemap: false,
  target: "node20",
  // openapi-fetch stays external: its CommonJS build breaks when it is bundled into this package's CJS
  // output; test/dist.test.ts loads both builds to prove it works. @ghl-inbound/limiter stays external
  // too, loaded by import() only when `rateLimit` is set. Bundled in: the few constants the client
  // takes from @ghl-inbound/types and the stateless rules of @ghl-inbound/limiter/rules, so that a
  // client without `rateLimit` resolves and loads no package but openapi-fetch (packages/bench).
  noExternal: ["@ghl-inbound/types", "@ghl-inbound/limiter/rules"],
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
  // The CommonJS build, which Node reads and compiles whole on require(), without whitespace: it loads
  // faster (packages/bench, cold require). Names stay, so stack traces read as the source. The ES module
  // build stays as it is: bundlers minify it themselves, and need its /* @__PURE__ */ notes to drop
  // what a page does not use.
  esbuildOptions(options, context) {
    if (context.format === "cjs") {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    }
  },
});
