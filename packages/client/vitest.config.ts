import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
  // Generous: some tests start Node processes or wait out a real Retry-After, and CI shares 2 cores.
  test: { include: ["test/**/*.test.ts"], testTimeout: 20_000 },
});
