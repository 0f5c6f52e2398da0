import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The multi-process tests measure arrival times: other files running beside them would only add jitter.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 15_000,
  },
});
