import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Some tests start Node processes that load Prism; under turbo, CI's 2 cores are shared with other suites.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
