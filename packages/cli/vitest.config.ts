import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests run the built command as child processes against local servers with small rate limits:
    // files side by side would only add jitter on 2 shared cores.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 15_000,
  },
});
