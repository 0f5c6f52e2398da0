// Install footprint: what `npm install` brings for our client and for the official SDK. Ours is
// measured as published: packed tarballs unpacked beside the third-party packages they need at run
// time (packed-install.ts). The official SDK is measured from its installed node_modules (runtime
// dependencies, transitively): the package itself as npm packs it, each dependency by its files.
import { execFile } from "node:child_process";
import { sep } from "node:path";
import { promisify } from "node:util";
import { bytesOnDisk, dependencyClosure, findInstalled, readManifest } from "./installed.js";
import { type PackedInstall, packedInstall } from "./packed-install.js";
import { PACKAGE_DIR } from "./processes.js";
import { type BenchMode, type BenchResult, formatNumber, type ResultRow, rowOf } from "./report.js";

const OURS = "@ghl-inbound/client";
const THEIRS = "@gohighlevel/api-client";
/** Issue 13's budget for the client with everything it installs. */
const INSTALLED_TARGET_KB = 1_000;
/** The only third-party package the client may need at run time (its own dependencies come with it). */
const ALLOWED_THIRD_PARTY = "openapi-fetch";

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
  const [install, theirs] = await Promise.all([packedInstall(OURS), measureFootprint(THEIRS)]);
  const ours = footprintOf(install);
  const thirdParty = install.packages.filter((item) => !item.isOurs);
  const allowedTree = await dependencyClosureNames(ALLOWED_THIRD_PARTY);
  const beyondAllowed = thirdParty.filter(
    (item) => item.name !== ALLOWED_THIRD_PARTY && !allowedTree.has(item.name),
  );
  const row = (
    measure: string,
    unit: string,
    value: (footprint: Footprint) => number,
    target?: ResultRow["target"],
  ) =>
    rowOf({
      benchmark: "install footprint",
      measure,
      unit,
      ours: { label: OURS, value: value(ours) },
      baseline: { label: THEIRS, value: value(theirs) },
      ...(target && { target }),
    });
  const installedKb = ours.installedBytes / 1000;
  return {
    rows: [
      row("packed size of the package", "kB", (footprint) => footprint.packedBytes / 1000),
      row("runtime dependencies, transitive", "packages", (footprint) => footprint.dependencies.length),
      row("installed size with dependencies", "kB", (footprint) => footprint.installedBytes / 1000, {
        text: `<= ${formatNumber(INSTALLED_TARGET_KB)} kB`,
        isMet: installedKb <= INSTALLED_TARGET_KB,
      }),
      rowOf({
        benchmark: "install footprint",
        measure: `runtime dependencies beyond ${ALLOWED_THIRD_PARTY} (and its own) and @ghl-inbound/*`,
        unit: "packages",
        ours: { label: OURS, value: beyondAllowed.length },
        target: { text: "0", isMet: beyondAllowed.length === 0 },
      }),
    ],
    details: {
      [OURS]: { ...ours, packages: install.packages, beyondAllowed: beyondAllowed.map((item) => item.name) },
      [THEIRS]: theirs,
    },
    notes: [
      "Install footprint: ours is @ghl-inbound/client as published: each of our packages packed with `pnpm pack` " +
        "and unpacked into a temporary consumer's node_modules, beside copies of the third-party packages they " +
        "need at run time (`dependencies` and installed `optionalDependencies`, transitively); the installed size " +
        "is the sum of those files. The official SDK is measured from its installed node_modules: itself as " +
        "`npm pack --dry-run --json` reports it, each dependency by the files installed.",
    ],
  };
}

/** Ours, from the packed install. */
function footprintOf(install: PackedInstall): Footprint {
  const [root, ...rest] = install.packages;
  return {
    packedBytes: root!.packedBytes ?? root!.bytes,
    dependencies: rest.map((item) => `${item.name}@${item.version}`).sort(),
    installedBytes: install.packages.reduce((sum, item) => sum + item.bytes, 0),
  };
}

/** The names of a third-party package's runtime dependencies, transitively, as installed here. */
async function dependencyClosureNames(name: string): Promise<Set<string>> {
  const root = await installedDir(name, await installedDir(OURS, PACKAGE_DIR));
  const names = new Set<string>();
  for (const dir of await dependencyClosure(root)) names.add((await readManifest(dir)).name);
  return names;
}

async function measureFootprint(name: string): Promise<Footprint> {
  const root = await installedDir(name, PACKAGE_DIR);
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

async function installedDir(name: string, fromDir: string): Promise<string> {
  const found = await findInstalled(name, fromDir);
  if (found === undefined) throw new Error(`footprint: ${name} is not installed where ${fromDir} finds it`);
  return found;
}
