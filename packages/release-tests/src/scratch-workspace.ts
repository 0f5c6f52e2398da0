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
 * Installs what `pnpm publish` needs in the copy: it replaces a `workspace:^` range with the version of the
 * package installed under node_modules, so the public packages and their runtime dependencies must be
 * linked. Production dependencies of the public packages only, from the lockfile, scripts off; the
 * developer's pnpm store answers, so this takes well under a second and needs the network only for a gap.
 */
export async function installPublicPackages(dir: string, publicNames: readonly string[]): Promise<void> {
  const filters = publicNames.flatMap((name) => ["--filter", name]);
  await runCommand(
    "pnpm",
    ["install", "--frozen-lockfile", "--prefer-offline", "--prod", "--ignore-scripts", ...filters],
    { cwd: dir, env: createCleanEnv() },
  );
}
