import { cp } from "node:fs/promises";
import { basename } from "node:path";

/** Installed or machine-local state: a copy needs none of it, and .git would let a stray command touch the real repository. */
const NOT_COPIED = new Set(["node_modules", ".git", ".turbo", "coverage"]);

/**
 * Copies the workspace, built `dist/` folders included, to `dest`. `changeset version` rewrites versions,
 * CHANGELOGs and .changeset/ in place, so the rehearsal runs it here and never in the developer's tree.
 * No install is needed: changesets and `pnpm publish` read manifests and pack files, they load no package.
 */
export async function copyWorkspace(root: string, dest: string): Promise<void> {
  await cp(root, dest, { recursive: true, filter: (source) => !NOT_COPIED.has(basename(source)) });
}
