import { mkdir, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { runCommand } from "./command.js";
import type { WorkspacePackage } from "./workspace.js";

/**
 * Packs a package the way `pnpm publish` does (same file list, `workspace:` ranges replaced by versions)
 * and returns the tarball's path.
 */
export async function packPackage(
  pkg: WorkspacePackage,
  destDir: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  await mkdir(destDir, { recursive: true });
  const { stdout } = await runCommand("pnpm", ["pack", "--pack-destination", destDir, "--json"], {
    cwd: pkg.dir,
    env,
  });
  const { filename } = JSON.parse(stdout) as { filename: string };
  return filename;
}

/** Unpacks a tarball with the system's tar; returns the `package/` folder npm would install. */
export async function unpackTarball(tarballPath: string, destDir: string): Promise<string> {
  await mkdir(destDir, { recursive: true });
  await runCommand("tar", ["-xzf", tarballPath, "-C", destDir], { cwd: destDir });
  return join(destDir, "package");
}

/** Every file in an unpacked package, as paths relative to it with forward slashes. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}
