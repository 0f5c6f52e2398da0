import { fileURLToPath } from "node:url";
import {
  typeCheckMarkdownExamples,
  typeCheckReadmeExamples,
} from "@ghl-inbound/test-support/readme-examples";
import { describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

describe("README.md", () => {
  // Against the built package, as a user imports it: `pnpm test` builds first.
  it("has TypeScript examples that type-check as printed, under tsc --strict", {
    timeout: 60_000,
  }, async () => {
    const { checkedBlocks, errors } = await typeCheckReadmeExamples(PACKAGE_DIR);
    expect(checkedBlocks).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it("would be caught printing an example that does not compile", () => {
    const broken = [
      "# x",
      "",
      "```ts",
      'import { startMockServer } from "@ghl-inbound/mock";',
      "const mock = await startMockServer({ port: process.env.PORT });",
      "```",
    ].join("\n");
    const { errors } = typeCheckMarkdownExamples(broken, { packageDir: PACKAGE_DIR });
    expect(errors).toEqual([expect.stringMatching(/^README\.md:5: TS2322: Type 'string \| undefined'/)]);
  });
});
