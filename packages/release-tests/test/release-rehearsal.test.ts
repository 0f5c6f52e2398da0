import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CommandResult, runCommand, runCommandAllowingFailure } from "../src/command.js";
import { selectConsumerParts } from "../src/consumer-parts.js";
import {
  CONSUMER_NPM_CACHE_DIR,
  createConsumerProject,
  readUpstreamRegistry,
} from "../src/consumer-project.js";
import { startGitHubOidcStandIn } from "../src/github-oidc-stand-in.js";
import { createIsolatedEnv } from "../src/isolated-env.js";
import { type Registry, startRegistry } from "../src/registry.js";
import { copyWorkspace, installPublicPackages } from "../src/scratch-workspace.js";
import {
  INSTALLED_DEPENDENCY_FIELDS,
  type PackageManifest,
  RELEASE_TESTS_DIR,
  readManifest,
  readPrivatePackages,
  readPublicPackages,
  WORKSPACE_ROOT,
} from "../src/workspace.js";

/** The workspace's own changesets CLI, the one `pnpm changeset`, `pnpm version-packages` and `pnpm release` run. */
const CHANGESET_CLI = join(WORKSPACE_ROOT, "node_modules", "@changesets", "cli", "bin.js");
/** `pnpm release` runs `pnpm build && node .ci/publish.mjs`; the rehearsal runs the copy's script, minus tags. */
const PUBLISH_SCRIPT = join(".ci", "publish.mjs");
const REHEARSAL_NOTE = "Release rehearsal: this line comes from a changeset the test wrote.";

const publicPackages = readPublicPackages();
const privatePackages = readPrivatePackages();
const publicNames = publicPackages.map((pkg) => pkg.name);
const { enabled: enabledParts, waiting: waitingParts } = selectConsumerParts(publicNames);
const { devDependencies: ownDevDependencies = {} } = readManifest(RELEASE_TESTS_DIR);
/** The consumer's compiler and Node types: the versions this repository pins, so a stranger's setup is not a guess. */
const CONSUMER_TOOLCHAIN = ["typescript", "@types/node"].map((name) => `${name}@${ownDevDependencies[name]}`);

/**
 * The rehearsal's changeset asks for a major bump. Whatever the pending changesets ask for, major wins, so
 * the version every public package must reach is known in advance: the next major of the fixed group.
 */
function nextMajorOf(versions: readonly string[]): string {
  const majors = versions.map((version) => {
    const match = /^(\d+)\.\d+\.\d+$/.exec(version);
    if (!match?.[1]) throw new Error(`the rehearsal expects plain x.y.z versions, not ${version}`);
    return Number(match[1]);
  });
  return `${Math.max(...majors) + 1}.0.0`;
}

const releasedVersion = nextMajorOf(publicPackages.map((pkg) => pkg.manifest.version));

let tmp: string;
let scratch: string;
let consumerDir: string;
let registry: Registry | undefined;
let asGitHubRelease: CommandResult;
let sigstoreTokenRequests = 0;
let publishedWithUnsignableToken = 0;
let rehearsal: CommandResult;

beforeAll(async () => {
  for (const pkg of publicPackages) {
    const entry = pkg.manifest.main ?? "";
    if (!existsSync(join(pkg.dir, entry))) {
      throw new Error(
        `${pkg.name} is not built (${entry} is missing): run \`pnpm build\`, as turbo does before this test`,
      );
    }
  }
  tmp = await mkdtemp(join(tmpdir(), "ghl-inbound-release-"));
  const publisherHome = join(tmp, "publisher-home");
  const consumerHome = join(tmp, "consumer-home");
  await Promise.all([mkdir(publisherHome), mkdir(consumerHome)]);
  const upstreamRegistry = await readUpstreamRegistry();

  // `pnpm version-packages`, in a copy: it rewrites versions, CHANGELOGs and .changeset/ in place.
  scratch = join(tmp, "workspace");
  await copyWorkspace(WORKSPACE_ROOT, scratch);
  const firstPublic = publicPackages[0]?.name;
  await writeFile(
    join(scratch, ".changeset", "release-rehearsal.md"),
    `---\n"${firstPublic}": major\n---\n\n${REHEARSAL_NOTE}\n`,
  );
  const publisherEnv = createIsolatedEnv(publisherHome);
  await runCommand(process.execPath, [CHANGESET_CLI, "version"], { cwd: scratch, env: publisherEnv });
  await installPublicPackages(scratch, publicNames);

  // `pnpm release` without its `pnpm build` (turbo built dist before this test and the copy carries it) and
  // without git tags (the copy has no repository): `pnpm publish --recursive` packs each public package whose
  // version the registry lacks and replaces workspace: ranges by the versions installed above.
  registry = await startRegistry(join(tmp, "registry"));
  const npmrc = `registry=${registry.url}\n${registry.authTokenKey}=${registry.token}\n`;
  // pnpm 12 takes the registry from .npmrc, not from npm_config_registry.
  await Promise.all([
    writeFile(join(scratch, ".npmrc"), npmrc),
    writeFile(join(publisherHome, ".npmrc"), npmrc),
  ]);
  // First as the release job runs it, with a stand-in for GitHub's OIDC endpoint: the same command asks for a
  // sigstore token (provenance on) and, handed one it cannot sign with, publishes nothing.
  const oidc = await startGitHubOidcStandIn();
  try {
    asGitHubRelease = await runCommandAllowingFailure(process.execPath, [PUBLISH_SCRIPT, "--no-git-tag"], {
      cwd: scratch,
      env: { ...publisherEnv, ...oidc.env },
    });
    sigstoreTokenRequests = oidc.audiences.filter((audience) => audience === "sigstore").length;
    const statuses = await Promise.all(publicNames.map(async (name) => (await fetchPackument(name)).status));
    publishedWithUnsignableToken = statuses.filter((status) => status !== 404).length;
  } finally {
    await oidc.stop();
  }
  // Then as the rehearsal: no OIDC token, so provenance is off and everything is published.
  rehearsal = await runCommand(process.execPath, [PUBLISH_SCRIPT, "--no-git-tag"], {
    cwd: scratch,
    env: publisherEnv,
  });

  // A stranger's project: outside the workspace, its own HOME and npm config, npm rather than pnpm.
  consumerDir = join(tmp, "consumer");
  await createConsumerProject(consumerDir, enabledParts, registry.url);
  const released = publicNames.map((name) => `${name}@${releasedVersion}`);
  await runCommand("npm", ["install", "--registry", upstreamRegistry, ...released, ...CONSUMER_TOOLCHAIN], {
    cwd: consumerDir,
    env: createIsolatedEnv(consumerHome, { npm_config_cache: CONSUMER_NPM_CACHE_DIR }),
    timeoutMs: 180_000,
  });
});

afterAll(async () => {
  await registry?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function registryUrl(): string {
  if (!registry) throw new Error("the registry did not start");
  return registry.url;
}

async function fetchPackument(name: string): Promise<Response> {
  return fetch(new URL(name.replace("/", "%2f"), registryUrl()));
}

describe("changeset version, in a scratch copy of the workspace", () => {
  it("moves every public package to one new version: the fixed group's next major", () => {
    const versions = readPublicPackages(scratch).map((pkg) => [pkg.name, pkg.manifest.version]);
    expect(versions).toEqual(publicNames.map((name) => [name, releasedVersion]));
  });

  it("writes a CHANGELOG section for the release in every public package, with the changeset's note", async () => {
    for (const pkg of readPublicPackages(scratch)) {
      const changelog = await readFile(join(pkg.dir, "CHANGELOG.md"), "utf8");
      expect(changelog).toMatch(new RegExp(`^## ${releasedVersion.replaceAll(".", "\\.")}$`, "m"));
      if (pkg.name === publicPackages[0]?.name) expect(changelog).toContain(REHEARSAL_NOTE);
    }
  });

  it("consumes every pending changeset", async () => {
    const left = (await readdir(join(scratch, ".changeset"))).filter((file) => file.endsWith(".md"));
    expect(left).toEqual(["README.md"]);
  });

  it("leaves private packages' manifests alone and writes them no CHANGELOG", () => {
    for (const pkg of privatePackages) {
      const copy = join(scratch, pkg.relativeDir);
      expect(readManifest(copy), pkg.name).toEqual(pkg.manifest);
      expect(existsSync(join(copy, "CHANGELOG.md")), pkg.name).toBe(
        existsSync(join(pkg.dir, "CHANGELOG.md")),
      );
    }
  });

  it("keeps workspace: ranges in the sources: pnpm replaces them when it packs", () => {
    for (const pkg of readPublicPackages(scratch)) {
      const original = publicPackages.find((candidate) => candidate.name === pkg.name)?.manifest;
      for (const field of INSTALLED_DEPENDENCY_FIELDS) expect(pkg.manifest[field]).toEqual(original?.[field]);
    }
  });

  it("does not touch the developer's workspace", () => {
    expect(readPublicPackages().map((pkg) => pkg.manifest.version)).toEqual(
      publicPackages.map((pkg) => pkg.manifest.version),
    );
    expect(existsSync(join(WORKSPACE_ROOT, ".changeset", "release-rehearsal.md"))).toBe(false);
  });
});

describe("the release's publish command and provenance", () => {
  it("signs a provenance statement on GitHub Actions: pnpm asks the OIDC endpoint for a sigstore token", () => {
    expect(asGitHubRelease.stdout).toContain("provenance on");
    expect(sigstoreTokenRequests).toBeGreaterThan(0);
  });

  it("publishes nothing when that statement cannot be signed", () => {
    expect(asGitHubRelease.exitCode).not.toBe(0);
    expect(`${asGitHubRelease.stdout}${asGitHubRelease.stderr}`).toContain("ERR_PNPM_PROVENANCE");
    expect(publishedWithUnsignableToken).toBe(0);
  });

  it("runs with provenance off where no OIDC token exists, and says so", () => {
    expect(rehearsal.stdout).toContain("provenance off");
    expect(rehearsal.stdout).not.toContain("--provenance");
  });

  it("publishes manifests without an attestation when provenance is off", async () => {
    for (const name of publicNames) {
      const packument = (await (await fetchPackument(name)).json()) as {
        versions: Record<string, { dist?: Record<string, unknown> }>;
      };
      expect(packument.versions[releasedVersion]?.dist?.attestations, name).toBeUndefined();
    }
  });
});

describe("pnpm publish --recursive, to a real Verdaccio on 127.0.0.1", () => {
  it("publishes every public package at the new version under the latest tag", async () => {
    for (const name of publicNames) {
      const response = await fetchPackument(name);
      expect(response.status, name).toBe(200);
      const packument = (await response.json()) as { "dist-tags": Record<string, string> };
      expect(packument["dist-tags"], name).toEqual({ latest: releasedVersion });
    }
  });

  it("publishes manifests whose internal dependencies are ranges on the new version, never workspace:", async () => {
    for (const name of publicNames) {
      const packument = (await (await fetchPackument(name)).json()) as {
        versions: Record<string, PackageManifest>;
      };
      const manifest = packument.versions[releasedVersion];
      expect(manifest, name).toBeDefined();
      expect(JSON.stringify(manifest)).not.toContain("workspace:");
      for (const field of INSTALLED_DEPENDENCY_FIELDS) {
        for (const [dependency, range] of Object.entries(manifest?.[field] ?? {})) {
          if (publicNames.includes(dependency))
            expect(range, `${name} ${field}.${dependency}`).toBe(`^${releasedVersion}`);
        }
      }
    }
  });

  it("publishes no private package", async () => {
    for (const pkg of privatePackages) expect((await fetchPackument(pkg.name)).status, pkg.name).toBe(404);
  });
});

describe("npm install in a stranger's project outside the workspace", () => {
  it("sits outside the workspace, so nothing resolves through the workspace's node_modules", () => {
    expect(relative(WORKSPACE_ROOT, consumerDir).startsWith(`..${sep}`)).toBe(true);
  });

  it("installs the released versions, downloaded from the rehearsal registry", async () => {
    const lockfile = JSON.parse(await readFile(join(consumerDir, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string; resolved?: string }>;
    };
    for (const name of publicNames) {
      const entry = lockfile.packages[`node_modules/${name}`];
      expect(entry?.version, name).toBe(releasedVersion);
      expect(entry?.resolved?.startsWith(registryUrl()), `${name} from ${entry?.resolved}`).toBe(true);
    }
  });

  it("resolves every package inside the consumer's node_modules, to one build for ESM and another for CommonJS", async () => {
    const names = JSON.stringify(publicNames);
    const { stdout: esm } = await runCommand(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `console.log(JSON.stringify(${names}.map((n) => import.meta.resolve(n))))`,
      ],
      { cwd: consumerDir },
    );
    const { stdout: cjs } = await runCommand(
      process.execPath,
      ["-e", `console.log(JSON.stringify(${names}.map((n) => require.resolve(n))))`],
      { cwd: consumerDir },
    );
    const esmFiles = (JSON.parse(esm) as string[]).map((url) => fileURLToPath(url));
    const cjsFiles = JSON.parse(cjs) as string[];
    const installed = join(consumerDir, "node_modules") + sep;
    publicNames.forEach((name, index) => {
      expect(esmFiles[index]?.startsWith(installed), `${name}: ${esmFiles[index]}`).toBe(true);
      expect(cjsFiles[index]?.startsWith(installed), `${name}: ${cjsFiles[index]}`).toBe(true);
      // One file for both would mean one format reaches the other through interop, not a dual build.
      expect(esmFiles[index], name).not.toBe(cjsFiles[index]);
    });
  });

  it("links every bin the packages declare", () => {
    for (const name of publicNames) {
      const { bin } = readManifest(join(consumerDir, "node_modules", name));
      const binNames = typeof bin === "string" ? [name.split("/")[1] ?? name] : Object.keys(bin ?? {});
      for (const binName of binNames) {
        expect(existsSync(join(consumerDir, "node_modules", ".bin", binName)), `${name}: ${binName}`).toBe(
          true,
        );
      }
    }
  });

  describe("with the consumer compiled", () => {
    let node16: CommandResult;

    // tsc emits even when it reports errors, so the run tests below still execute and report on their own.
    beforeAll(async () => {
      node16 = await tsc("tsconfig.node16.json");
    });

    it("type-checks with tsc --strict under node16 module resolution", () => {
      expect(node16.exitCode, node16.stdout).toBe(0);
    });

    it("type-checks with tsc --strict under bundler module resolution", async () => {
      const bundler = await tsc("tsconfig.bundler.json");
      expect(bundler.exitCode, bundler.stdout).toBe(0);
    });

    it.each(enabledParts.map((part) => part.name))("runs the %s part as ESM", async (name) => {
      const { stdout } = await runCommand(process.execPath, [join("dist", `${name}.js`)], {
        cwd: consumerDir,
      });
      expect(stdout).toContain(`${name}: ok`);
    });

    it.each(enabledParts.map((part) => part.name))(
      "require()s the packages of the %s part from CommonJS",
      async (name) => {
        // Node 20.19+ can require() an ES module, which would hide a missing CommonJS build: turned off,
        // except where Prism itself needs it (see ConsumerPart.needsRequireEsm).
        const part = enabledParts.find((candidate) => candidate.name === name);
        const flags = part?.needsRequireEsm ? [] : ["--no-experimental-require-module"];
        const { stdout } = await runCommand(process.execPath, [...flags, join("dist", `${name}.cjs`)], {
          cwd: consumerDir,
        });
        expect(stdout).toContain(`${name}: ok`);
      },
    );

    for (const part of waitingParts) {
      it.todo(`runs the ${part.name} part once ${part.missing.join(" and ")} is in the workspace`);
    }
  });
});

function tsc(project: string): Promise<CommandResult> {
  return runCommandAllowingFailure(
    process.execPath,
    [
      join(consumerDir, "node_modules", "typescript", "bin", "tsc"),
      "--project",
      project,
      "--strict",
      "--pretty",
      "false",
    ],
    { cwd: consumerDir },
  );
}
