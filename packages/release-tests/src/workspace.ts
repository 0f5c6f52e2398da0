import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root: this file sits at packages/release-tests/src/. */
export const WORKSPACE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** This package's own directory, for its node_modules (tool binaries, the rehearsal's npm cache). */
export const RELEASE_TESTS_DIR = fileURLToPath(new URL("../", import.meta.url));

/** The fields of a package.json the release checks read; the rest is kept as `unknown`. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly description?: string;
  readonly type?: string;
  readonly license?: string;
  readonly sideEffects?: boolean;
  readonly engines?: Readonly<Record<string, string>>;
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly keywords?: readonly string[];
  readonly exports?: unknown;
  readonly main?: string;
  readonly module?: string;
  readonly types?: string;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly files?: readonly string[];
  readonly publishConfig?: Readonly<Record<string, unknown>>;
  readonly scripts?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

export interface WorkspacePackage {
  readonly name: string;
  /** Absolute path of the package's directory. */
  readonly dir: string;
  /** Path from the workspace root, e.g. `packages/types`. */
  readonly relativeDir: string;
  readonly manifest: PackageManifest;
}

export function readManifest(dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageManifest;
}

/**
 * Every package under `packages/`, sorted by name. Read on each call, synchronously, because test files
 * build their cases from it at collection time and the rehearsal reads a scratch copy after `changeset version`.
 */
export function readWorkspacePackages(root: string = WORKSPACE_ROOT): WorkspacePackage[] {
  const packagesDir = join(root, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = readManifest(dir);
      return { name: manifest.name, dir, relativeDir: `packages/${entry.name}`, manifest };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The packages a release publishes: those not marked `"private": true`. Nothing else decides it, so a
 * package merged later (the client, the mock) is packed, linted and rehearsed without touching these tests.
 */
export function readPublicPackages(root: string = WORKSPACE_ROOT): WorkspacePackage[] {
  return readWorkspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
}

export function readPrivatePackages(root: string = WORKSPACE_ROOT): WorkspacePackage[] {
  return readWorkspacePackages(root).filter((pkg) => pkg.manifest.private === true);
}

/** The dependency fields a consumer installs: a `workspace:` range in any of them breaks `npm install`. */
export const INSTALLED_DEPENDENCY_FIELDS = [
  "dependencies",
  "peerDependencies",
  "optionalDependencies",
] as const;
