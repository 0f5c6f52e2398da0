import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Chromium starts in a second or two on 2 cores; Prism loads in half a second.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
