// What is installed where, read from node_modules as Node finds it: for the install footprint and the
// packed install, which both follow a package's runtime dependencies.
import { existsSync } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Node's lookup: node_modules/<name> in `fromDir`, then in each parent; the real path, or undefined. */
export async function findInstalled(name: string, fromDir: string): Promise<string | undefined> {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpath(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

export async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
}

/** The names a manifest needs at run time: `dependencies`, then `optionalDependencies` (may be missing). */
export function runtimeDependencies(manifest: Manifest): { required: string[]; optional: string[] } {
  return {
    required: Object.keys(manifest.dependencies ?? {}),
    optional: Object.keys(manifest.optionalDependencies ?? {}),
  };
}

/** Sum of the file sizes under a package's directory, its own node_modules excluded. */
export async function bytesOnDisk(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await bytesOnDisk(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/** Real directories of every runtime dependency of the package in `root`, transitively, each once. */
export async function dependencyClosure(root: string): Promise<string[]> {
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const manifest = await readManifest(dir);
    const { required, optional } = runtimeDependencies(manifest);
    for (const name of [...required, ...optional]) {
      const found = await findInstalled(name, dir);
      if (found === undefined) {
        if (optional.includes(name)) continue;
        throw new Error(`${manifest.name} depends on ${name}, which is not installed`);
      }
      if (seen.has(found)) continue;
      seen.add(found);
      queue.push(found);
    }
  }
  return [...seen].filter((dir) => dir !== root);
}
