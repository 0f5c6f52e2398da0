// Runs with `node --test .ci/` (the root `test:ci` script, part of `pnpm test`): explain-drift.mjs
// against a real git repository in a temp dir, changed the ways a CI run can change one.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { classifyChanges } from "./explain-drift.mjs";

const SCRIPT = fileURLToPath(new URL("explain-drift.mjs", import.meta.url));

let repo;
const git = (...args) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
const write = (path, text) => {
  mkdirSync(join(repo, path, ".."), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const explain = () => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [SCRIPT, repo], { encoding: "utf8" });
  return { status, stdout, stderr };
};

before(() => {
  repo = mkdtempSync(join(tmpdir(), "ghl-explain-drift-"));
  git("init", "-q");
  git("config", "user.email", "ci@example.invalid");
  git("config", "user.name", "CI");
  write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
  write("packages/types/src/generated/schema.ts", "// generated\n");
  write("packages/bench/README.md", "# Bench\n");
  write("packages/bench/results/latest.md", "| figures |\n");
  write(".gitignore", "dist/\n");
  git("add", "-A");
  git("commit", "-qm", "initial");
});
after(() => rmSync(repo, { recursive: true, force: true }));

describe("explain-drift.mjs", () => {
  it("says nothing and exits 0 when the tree is clean (ignored files do not count)", () => {
    write("dist/index.js", "built\n");
    assert.deepEqual(explain(), { status: 0, stdout: "", stderr: "" });
  });

  it("blames bench results on a step that wrote into tracked files, not on the spec or the lockfile", () => {
    write("packages/bench/results/latest.md", "| new figures |\n");
    write("packages/bench/README.md", "# Bench\n\n| new figures |\n");
    try {
      const { status, stderr } = explain();
      assert.equal(status, 1);
      assert.match(stderr, /Other tracked files changed during the run \(not generated from the spec\):/);
      assert.match(stderr, / M packages\/bench\/results\/latest\.md/);
      assert.match(stderr, / M packages\/bench\/README\.md/);
      assert.doesNotMatch(stderr, /spec\/openapi\.yaml generates|lockfile/i);
    } finally {
      git("checkout", "--", ".");
    }
  });

  it("names generated files, the lockfile and untracked files each under its own kind", () => {
    write("packages/types/src/generated/schema.ts", "// generated from a newer spec\n");
    write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n# changed\n");
    write("packages/mock/scratch.json", "{}\n");
    try {
      const { status, stderr } = explain();
      assert.equal(status, 1);
      assert.match(
        stderr,
        /Generated files differ from what spec\/openapi\.yaml generates:\n {3}M packages\/types\/src\/generated\/schema\.ts\n {2}Run `pnpm generate`/,
      );
      assert.match(
        stderr,
        /The lockfile changed:\n {3}M pnpm-lock\.yaml\n {2}pnpm-lock\.yaml does not match/,
      );
      assert.match(
        stderr,
        /Untracked files appeared during the run:\n {2}\?\? packages\/mock\/scratch\.json/,
      );
      assert.doesNotMatch(stderr, /Other tracked files/);
    } finally {
      git("checkout", "--", ".");
      rmSync(join(repo, "packages/mock"), { recursive: true, force: true });
    }
  });
});

describe("classifyChanges", () => {
  it("lists a rename under its new path and reads the next entry after it", () => {
    const porcelain = "R  packages/bench/new.md\0packages/bench/old.md\0 M pnpm-lock.yaml\0";
    assert.deepEqual(classifyChanges(porcelain), [
      { status: "R ", path: "packages/bench/new.md", kind: "tracked" },
      { status: " M", path: "pnpm-lock.yaml", kind: "lockfile" },
    ]);
  });

  it("counts a deleted generated file as generated", () => {
    assert.deepEqual(classifyChanges(" D packages/client/src/generated/validators.js\0"), [
      { status: " D", path: "packages/client/src/generated/validators.js", kind: "generated" },
    ]);
  });
});
