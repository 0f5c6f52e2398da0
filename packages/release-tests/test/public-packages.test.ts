import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  INSTALLED_DEPENDENCY_FIELDS,
  RELEASE_TESTS_DIR,
  readManifest,
  readPublicPackages,
  readWorkspacePackages,
} from "../src/workspace.js";

const workspacePackages = readWorkspacePackages();
const publicPackages = readPublicPackages();
const workspaceNames = new Set(workspacePackages.map((pkg) => pkg.name));
const publicNames = new Set(publicPackages.map((pkg) => pkg.name));

describe("the set of public packages", () => {
  it("holds @ghl-inbound/types, found by reading packages/*/package.json", () => {
    expect([...publicNames]).toContain("@ghl-inbound/types");
  });

  it("names every public package in the @ghl-inbound scope", () => {
    for (const name of publicNames) expect(name).toMatch(/^@ghl-inbound\/[a-z][a-z0-9-]*$/);
  });

  it("are all devDependencies of the release tests, so turbo builds them before the rehearsal", () => {
    const { devDependencies = {} } = readManifest(RELEASE_TESTS_DIR);
    for (const name of publicNames) expect(devDependencies[name], name).toBe("workspace:*");
  });

  it("marks every other workspace package private: true, so nothing else can be published by accident", () => {
    const others = workspacePackages.filter((pkg) => !publicNames.has(pkg.name));
    for (const pkg of others) expect(pkg.manifest.private, pkg.name).toBe(true);
  });
});

describe.each(publicPackages)("$name package.json", ({ manifest, dir, relativeDir }) => {
  it("is an ES module package without side effects, for Node 20.19 and later", () => {
    expect(manifest.type).toBe("module");
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.engines).toEqual({ node: ">=20.19" });
  });

  it("says what it is, under which licence, and where its source lives", () => {
    expect(manifest.description?.length).toBeGreaterThan(20);
    expect(manifest.license).toBe("MIT");
    expect(manifest.repository).toMatchObject({ type: "git", directory: relativeDir });
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(manifest.keywords?.length).toBeGreaterThan(0);
  });

  it("maps import and require to their own build, each with its declarations listed first", () => {
    const root = (manifest.exports as Record<string, unknown>)["."];
    expect(root).toEqual({
      import: { types: expect.stringMatching(/\.d\.ts$/), default: expect.stringMatching(/\.js$/) },
      require: { types: expect.stringMatching(/\.d\.cts$/), default: expect.stringMatching(/\.cjs$/) },
    });
    for (const condition of Object.values(root as Record<string, Record<string, string>>)) {
      expect(Object.keys(condition)).toEqual(["types", "default"]);
    }
    expect((manifest.exports as Record<string, unknown>)["./package.json"]).toBe("./package.json");
  });

  it("points main, module and types at the same dual build for tools that predate exports", () => {
    expect(manifest.main).toMatch(/^\.\/dist\/.+\.cjs$/);
    expect(manifest.module).toMatch(/^\.\/dist\/.+\.js$/);
    expect(manifest.types).toMatch(/^\.\/dist\/.+\.d\.cts$/);
  });

  it("publishes dist through files", () => {
    expect(manifest.files).toContain("dist");
  });

  it("depends on other workspace packages through workspace:^ ranges, and never on a private one", () => {
    for (const field of INSTALLED_DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (!workspaceNames.has(name)) continue;
        expect(range, `${field}.${name}`).toBe("workspace:^");
        expect(publicNames.has(name), `${name} is private`).toBe(true);
      }
    }
  });

  it("has a README whose first screen shows an example that imports it", () => {
    const readmePath = join(dir, "README.md");
    expect(existsSync(readmePath)).toBe(true);
    const firstScreen = readFileSync(readmePath, "utf8").split("\n").slice(0, 25).join("\n");
    expect(firstScreen).toMatch(new RegExp(`^# ${manifest.name.replace("/", "\\/")}$`, "m"));
    expect(firstScreen).toMatch(/```(ts|js)\n[\s\S]*?import [\s\S]*?```/);
  });
});
