import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTypesWithAttw } from "../src/attw.js";
import { createIsolatedEnv } from "../src/isolated-env.js";
import { listFiles, packPackage, unpackTarball } from "../src/tarball.js";
import {
  INSTALLED_DEPENDENCY_FIELDS,
  type PackageManifest,
  readManifest,
  readPublicPackages,
  WORKSPACE_ROOT,
} from "../src/workspace.js";

const publicPackages = readPublicPackages();
const workspaceVersions = new Map(publicPackages.map((pkg) => [pkg.name, pkg.manifest.version]));

interface Packed {
  readonly tarballPath: string;
  readonly manifest: PackageManifest;
  readonly files: readonly string[];
  readonly unpackedDir: string;
}

let tmp: string;
const packed = new Map<string, Packed>();

// Each package is packed once, by pnpm as `pnpm publish` would, and every check below reads that tarball.
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ghl-inbound-pack-"));
  const env = createIsolatedEnv(join(tmp, "home"));
  await mkdir(join(tmp, "home"));
  await Promise.all(
    publicPackages.map(async (pkg) => {
      const slug = pkg.relativeDir.replace("/", "-");
      const tarballPath = await packPackage(pkg, join(tmp, "tarballs"), env);
      const unpackedDir = await unpackTarball(tarballPath, join(tmp, "unpacked", slug));
      packed.set(pkg.name, {
        tarballPath,
        manifest: readManifest(unpackedDir),
        files: await listFiles(unpackedDir),
        unpackedDir,
      });
    }),
  );
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function packedOf(name: string): Packed {
  const result = packed.get(name);
  if (!result) throw new Error(`${name} was not packed`);
  return result;
}

describe.each(publicPackages)("$name, packed", ({ name }) => {
  it("passes publint with no error, warning or suggestion", async () => {
    const { tarballPath } = packedOf(name);
    const tarball = await readFile(tarballPath);
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: "suggestion",
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg, { color: false }))).toEqual([]);
  });

  it("passes @arethetypeswrong/cli with the node16 profile: typed under node16 CJS, node16 ESM and bundler", async () => {
    const { tarballPath, manifest } = packedOf(name);
    const report = await checkTypesWithAttw(tarballPath, manifest.exports);
    expect(report.problems, report.output).toEqual([]);
    expect(report.exitCode, report.output).toBe(0);
    expect(report.resolvedTypes.map((entry) => entry.entrypoint)).toContain(".");
    for (const entry of report.resolvedTypes) {
      expect(entry.fileName, `${entry.entrypoint} under ${entry.resolutionKind}`).not.toBeNull();
    }
  });

  it("replaces every workspace: range with the version being released", () => {
    const { manifest } = packedOf(name);
    expect(JSON.stringify(manifest)).not.toContain("workspace:");
    for (const field of INSTALLED_DEPENDENCY_FIELDS) {
      for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
        const version = workspaceVersions.get(dependency);
        if (version !== undefined) expect(range, `${field}.${dependency}`).toBe(`^${version}`);
      }
    }
  });

  it("ships the ESM and CommonJS builds and both declaration files that exports names", () => {
    const { manifest, files } = packedOf(name);
    const root = (manifest.exports as Record<string, Record<string, Record<string, string>>>)["."];
    const targets = [
      root?.import?.types,
      root?.import?.default,
      root?.require?.types,
      root?.require?.default,
    ];
    for (const target of targets) {
      expect(target).toBeDefined();
      expect(files).toContain(target?.replace(/^\.\//, ""));
    }
  });

  it("ships no tests, build configs or scripts", () => {
    const { files } = packedOf(name);
    const internal = files.filter((file) =>
      /(^|\/)(test|tests|__tests__|scripts)\/|\.test\.[cm]?[jt]s$|^(tsconfig.*\.json|tsup\.config\.ts|vitest\.config\.ts|turbo\.json)$/.test(
        file,
      ),
    );
    expect(internal).toEqual([]);
  });
});

describe("the spec, where a package exports it", () => {
  const exporters = publicPackages.filter(
    (pkg) => typeof pkg.manifest.exports === "object" && "./openapi.yaml" in (pkg.manifest.exports as object),
  );

  it("is exported by @ghl-inbound/types", () => {
    expect(exporters.map((pkg) => pkg.name)).toContain("@ghl-inbound/types");
  });

  it.each(exporters)("ships byte for byte in $name", async ({ name }) => {
    const { manifest, unpackedDir } = packedOf(name);
    const target = (manifest.exports as Record<string, string>)["./openapi.yaml"];
    expect(typeof target).toBe("string");
    const shipped = await readFile(join(unpackedDir, target ?? ""), "utf8");
    expect(shipped).toBe(await readFile(join(WORKSPACE_ROOT, "spec", "openapi.yaml"), "utf8"));
  });
});
