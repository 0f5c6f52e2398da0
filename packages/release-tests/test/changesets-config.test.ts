import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { read } from "@changesets/config";
import { describe, expect, it } from "vitest";
import { readManifest, readPublicPackages, WORKSPACE_ROOT } from "../src/workspace.js";

const publicNames = readPublicPackages().map((pkg) => pkg.name);
const changesetDir = join(WORKSPACE_ROOT, ".changeset");

describe(".changeset/config.json, as changesets itself reads it", () => {
  it("fixes every public package, and only those, to one shared version", async () => {
    const config = await read(WORKSPACE_ROOT);
    expect(config.fixed.map((group) => [...group].sort())).toEqual([[...publicNames].sort()]);
    expect(config.linked).toEqual([]);
  });

  it("never versions or tags a private package", async () => {
    const config = await read(WORKSPACE_ROOT);
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it("publishes the scoped packages publicly, from main, with generated CHANGELOGs", async () => {
    const config = await read(WORKSPACE_ROOT);
    expect(config.access).toBe("public");
    expect(config.baseBranch).toBe("main");
    expect(config.changelog).toEqual(["@changesets/cli/changelog", null]);
  });
});

describe("root scripts", () => {
  const { scripts = {} } = readManifest(WORKSPACE_ROOT);

  it("run the changesets commands the release rehearsal runs", () => {
    expect(scripts.changeset).toBe("changeset");
    expect(scripts["version-packages"]).toBe("changeset version");
    // .ci/publish.mjs: `pnpm publish --recursive` (with --provenance on GitHub Actions), then `changeset tag`.
    expect(scripts.release).toBe("pnpm build && node .ci/publish.mjs");
  });
});

describe("pending changesets", () => {
  const pending = readdirSync(changesetDir).filter((file) => file.endsWith(".md") && file !== "README.md");

  it.each(pending)("%s names public packages only, with a bump type", (file) => {
    const text = readFileSync(join(changesetDir, file), "utf8");
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1];
    expect(frontMatter, "front matter").toBeDefined();
    for (const line of (frontMatter ?? "").split("\n").filter((entry) => entry.trim() !== "")) {
      const [, name, bump] = /^["']?(@[^"']+)["']?:\s*(\w+)$/.exec(line.trim()) ?? [];
      expect(publicNames, line).toContain(name);
      expect(["patch", "minor", "major"], line).toContain(bump);
    }
  });
});
