// Install footprint: what `npm install` brings for our client and for the official SDK, counted
// from the installed node_modules (runtime dependencies, transitively). The package itself is
// measured as npm packs it (`npm pack --dry-run --json`); each dependency by the files installed.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { promisify } from "node:util";
import { PACKAGE_DIR } from "./processes.js";
import { type BenchMode, type BenchResult, rowOf } from "./report.js";

const OURS = "@ghl-inbound/client";
const THEIRS = "@gohighlevel/api-client";

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface PackResult {
  name: string;
  version: string;
  /** Bytes of the .tgz. */
  size: number;
  unpackedSize: number;
}

interface Footprint {
  packedBytes: number;
  /** Every package installed at run time with it, itself excluded, as name@version. */
  dependencies: string[];
  /** Unpacked bytes of the package and all of its runtime dependencies. */
  installedBytes: number;
}

export async function runFootprint(_mode: BenchMode): Promise<BenchResult> {
  const [ours, theirs] = await Promise.all([measureFootprint(OURS), measureFootprint(THEIRS)]);
  const row = (measure: string, unit: string, value: (footprint: Footprint) => number) =>
    rowOf({
      benchmark: "install footprint",
      measure,
      unit,
      ours: { label: OURS, value: value(ours) },
      baseline: { label: THEIRS, value: value(theirs) },
    });
  return {
    rows: [
      row("packed size of the package", "kB", (footprint) => footprint.packedBytes / 1000),
      row("runtime dependencies, transitive", "packages", (footprint) => footprint.dependencies.length),
      row("installed size with dependencies", "kB", (footprint) => footprint.installedBytes / 1000),
    ],
    details: { [OURS]: ours, [THEIRS]: theirs },
    notes: [
      "Install footprint: runtime dependencies (`dependencies` and installed `optionalDependencies`) are followed " +
        "transitively through the installed node_modules; each package is measured by `npm pack --dry-run --json` " +
        "for the package itself (its published files) and by the files installed for each dependency; the installed " +
        "size is their sum. Ours is the workspace build as it would be published (sourcemaps and `src` included).",
    ],
  };
}

async function measureFootprint(name: string): Promise<Footprint> {
  const root = await packageDirOf(name, PACKAGE_DIR);
  const own = await packDryRun(root);
  let installedBytes = own.unpackedSize;
  const dependencies: string[] = [];
  for (const dir of await dependencyClosure(root)) {
    const manifest = await readManifest(dir);
    dependencies.push(`${manifest.name}@${manifest.version}`);
    // A workspace package (ours: @ghl-inbound/types) is measured as it would be published.
    installedBytes += dir.includes(`${sep}node_modules${sep}`)
      ? await bytesOnDisk(dir)
      : (await packDryRun(dir)).unpackedSize;
  }
  return { packedBytes: own.size, dependencies: dependencies.sort(), installedBytes };
}

/** Sum of the file sizes under an installed package, its own node_modules excluded. */
async function bytesOnDisk(dir: string): Promise<number> {
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
async function dependencyClosure(root: string): Promise<string[]> {
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const manifest = await readManifest(dir);
    const required = Object.keys(manifest.dependencies ?? {});
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const found = findInstalled(name, dir);
      if (found === undefined) {
        if (optional.includes(name)) continue;
        throw new Error(`footprint: ${manifest.name} depends on ${name}, which is not installed`);
      }
      const real = await realpath(found);
      if (seen.has(real)) continue;
      seen.add(real);
      queue.push(real);
    }
  }
  return [...seen].filter((dir) => dir !== root);
}

/** Node's lookup: node_modules/<name> in the package's directory, then in each parent. */
function findInstalled(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

async function packageDirOf(name: string, fromDir: string): Promise<string> {
  const require = createRequire(join(fromDir, "package.json"));
  return realpath(dirname(require.resolve(`${name}/package.json`)));
}

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
}

async function packDryRun(dir: string): Promise<PackResult> {
  const { stdout } = await promisify(execFile)(
    "npm",
    ["pack", "--dry-run", "--json", "--ignore-scripts", dir],
    {
      cwd: PACKAGE_DIR,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const [result] = JSON.parse(stdout) as PackResult[];
  if (result === undefined) throw new Error(`footprint: npm pack printed nothing for ${dir}`);
  return result;
}
