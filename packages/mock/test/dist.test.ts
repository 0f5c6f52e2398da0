/**
 * The built package, loaded the two ways a user loads it: CommonJS `require()` and ESM `import()`.
 * (The sources are tested elsewhere; this catches what bundling breaks, such as the spec's path.)
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type * as Mock from "../src/index.js";
import { isListening, postMessage } from "./helpers.js";

const require = createRequire(import.meta.url);
// Paths held in variables: typecheck may run before dist/ is built, so tsc must not resolve them.
const cjsEntry = "../dist/index.cjs";
const esmEntry = "../dist/index.js";

describe.each([
  ["require()", async () => require(cjsEntry) as typeof Mock],
  ["import()", async () => (await import(esmEntry)) as typeof Mock],
])("the built package through %s", (_how, load) => {
  it("starts on a free port, answers from the embedded spec and serves its files, then stops", async () => {
    const { startMockServer } = await load();
    const mock = await startMockServer({ port: 0, log: false });
    try {
      expect((await postMessage(mock.url)).status).toBe(200);
      expect((await fetch(`${mock.url}/openapi.yaml`)).status).toBe(200);
      expect((await fetch(mock.docsUrl)).status).toBe(200);
    } finally {
      await mock.stop();
    }
    expect(await isListening(mock.port)).toBe(false);
  });
});
