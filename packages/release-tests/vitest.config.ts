import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Packing, a real registry and `npm install` take seconds, not milliseconds; these are ceilings, not expectations.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
