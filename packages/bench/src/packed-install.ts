// @ghl-inbound/client as a user installs it: our packages packed with `pnpm pack` (workspace: ranges
// become versions, only the published files go in) and unpacked into a node_modules of a temporary
// consumer directory, beside copies of the third-party packages they depend on at run time (taken from
// this install, as a registry would give them). The weights in packages/bench are measured there.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { promisify } from "node:util";
import { bytesOnDisk, findInstalled, readManifest, runtimeDependencies } from "./installed.js";
import { PACKAGE_DIR } from "./processes.js";

const run = promisify(execFile);

export interface InstalledPackage {
  name: string;
  version: string;
  /** Ours (@ghl-inbound/*, from a packed tarball), or a third-party runtime dependency. */
  isOurs: boolean;
  /** Bytes of the files installed for it (its own node_modules excluded). */
  bytes: number;
  /** Ours: bytes of the .tgz. */
  packedBytes?: number;
}

export interface PackedInstall {
  /** The consumer directory: `require("@ghl-inbound/client")` resolves from here. */
  dir: string;
  /** The root package and everything it needs at run time, each once. */
  packages: InstalledPackage[];
}

const installs = new Map<string, Promise<PackedInstall>>();

/** The packed install of `rootPackage`, made once per process and removed when the process exits. */
export function packedInstall(rootPackage = "@ghl-inbound/client"): Promise<PackedInstall> {
  let install = installs.get(rootPackage);
  if (install === undefined) {
    install = createPackedInstall(rootPackage);
    installs.set(rootPackage, install);
  }
  return install;
}

async function createPackedInstall(rootPackage: string): Promise<PackedInstall> {
  const dir = await mkdtemp(join(tmpdir(), "ghl-inbound-packed-"));
  // Synchronous, on exit: only ever this directory of our own under the temp dir.
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  await writeFile(join(dir, "package.json"), JSON.stringify({ private: true, name: "consumer" }));
  const tarballs = join(dir, ".tarballs");
  await mkdir(tarballs);

  const packages: InstalledPackage[] = [];
  const root = await findInstalled(rootPackage, PACKAGE_DIR);
  if (root === undefined)
    throw new Error(`packed install: ${rootPackage} is not installed in packages/bench`);
  const queue = [root];
  const done = new Set<string>();
  while (queue.length > 0) {
    const source = queue.shift()!;
    const manifest = await readManifest(source);
    if (done.has(manifest.name)) continue;
    done.add(manifest.name);
    const target = join(dir, "node_modules", manifest.name);
    await mkdir(dirname(target), { recursive: true });
    const isOurs = !source.includes(`${sep}node_modules${sep}`);
    let packedBytes: number | undefined;
    if (isOurs) {
      const tarball = await pack(source, tarballs);
      packedBytes = (await stat(tarball)).size;
      await unpack(tarball, target);
    } else {
      await cp(source, target, {
        recursive: true,
        filter: (path) => !path.startsWith(join(source, "node_modules")),
      });
    }
    packages.push({
      name: manifest.name,
      version: manifest.version,
      isOurs,
      bytes: await bytesOnDisk(target),
      ...(packedBytes !== undefined && { packedBytes }),
    });
    // What the installed manifest asks for at run time (for ours: the packed one, ranges resolved).
    const { required, optional } = runtimeDependencies(await readManifest(target));
    for (const name of [...required, ...optional]) {
      if (done.has(name)) continue;
      const found = await findInstalled(name, source);
      if (found !== undefined) queue.push(found);
      else if (!optional.includes(name))
        throw new Error(`packed install: ${name}, needed by ${manifest.name}, is not installed`);
    }
  }
  await rm(tarballs, { recursive: true, force: true });
  return { dir, packages };
}

/** `pnpm pack` of a workspace package; the tarball's path. */
async function pack(packageDir: string, destination: string): Promise<string> {
  const { stdout } = await run("pnpm", ["pack", "--json", "--pack-destination", destination], {
    cwd: packageDir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as { filename: string }).filename;
}

/** A tarball's `package/` folder, as npm unpacks it, into `target`. */
async function unpack(tarball: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
}
