import { defineConfig } from "vitest/config";

export default defineConfig({
  // The smoke run starts Node processes and servers on 2 shared cores: generous, never a timing claim.
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000 },
});
