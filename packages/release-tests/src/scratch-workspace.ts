import { cp } from "node:fs/promises";
import { basename } from "node:path";
import { runCommand } from "./command.js";
import { createCleanEnv } from "./isolated-env.js";

/**
 * Installed state, caches and test output (all gitignored): a copy needs none of it, and .git would let a
 * stray command touch the real repository.
 */
const NOT_COPIED = new Set(["node_modules", ".git", ".turbo", "coverage", "test-results", "artifacts"]);

/**
 * Copies the workspace, built `dist/` folders included, to `dest`. `changeset version` rewrites versions,
 * CHANGELOGs and .changeset/ in place, so the rehearsal runs it here and never in the developer's tree.
 */
export async function copyWorkspace(root: string, dest: string): Promise<void> {
  await cp(root, dest, { recursive: true, filter: (source) => !NOT_COPIED.has(basename(source)) });
}

/**
 * Installs what `pnpm publish` needs in the copy: it replaces every `workspace:` range with the version of
 * the package linked under node_modules, development dependencies included (a private test helper is one),
 * so the public packages' whole dependency lists must be linked. From the lockfile, scripts off; the
 * developer's pnpm store answers, so this takes seconds and needs the network only for a gap.
 */
export async function installPublicPackages(dir: string, publicNames: readonly string[]): Promise<void> {
  const filters = publicNames.flatMap((name) => ["--filter", name]);
  await runCommand(
    "pnpm",
    ["install", "--frozen-lockfile", "--prefer-offline", "--ignore-scripts", ...filters],
    { cwd: dir, env: createCleanEnv() },
  );
}
