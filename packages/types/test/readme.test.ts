import { fileURLToPath } from "node:url";
import { typeCheckReadmeExamples } from "@ghl-inbound/test-support/readme-examples";
import { describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

describe("README.md", () => {
  // Against the built package, as a user imports it: `pnpm test` builds first.
  it("has TypeScript examples that type-check as printed, under tsc --strict", {
    timeout: 60_000,
  }, async () => {
    const { checkedBlocks, errors } = await typeCheckReadmeExamples(PACKAGE_DIR);
    expect(checkedBlocks).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  });
});
