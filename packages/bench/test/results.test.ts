import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chooseResultsDestination, README_END, README_START, writeResults } from "../src/results.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

describe("chooseResultsDestination", () => {
  it.each([
    ["a plain run", { isSaved: false, isFullRunOfAll: true }],
    ["a plain run of some benchmarks", { isSaved: false, isFullRunOfAll: false }],
  ])("sends %s to a new directory under the temp dir, and leaves the README alone", async (_name, given) => {
    const destination = await chooseResultsDestination({ packageDir: PACKAGE_DIR, out: undefined, ...given });
    try {
      expect(destination.directory.startsWith(join(tmpdir(), "ghl-inbound-bench-"))).toBe(true);
      expect(destination.readmePath).toBeUndefined();
    } finally {
      await rm(destination.directory, { recursive: true, force: true });
    }
  });

  it("saves into results/ and the README only when asked to, for a full run of every benchmark", async () => {
    expect(
      await chooseResultsDestination({
        packageDir: "/pkg",
        isSaved: true,
        isFullRunOfAll: true,
        out: undefined,
      }),
    ).toEqual({ directory: "/pkg/results", readmePath: "/pkg/README.md" });
    expect(
      await chooseResultsDestination({
        packageDir: "/pkg",
        isSaved: true,
        isFullRunOfAll: false,
        out: undefined,
      }),
    ).toEqual({ directory: "/pkg/results", readmePath: undefined });
  });

  it("writes where --out says", async () => {
    expect(
      await chooseResultsDestination({
        packageDir: "/pkg",
        isSaved: false,
        isFullRunOfAll: true,
        out: "/elsewhere",
      }),
    ).toEqual({ directory: "/elsewhere", readmePath: undefined });
  });
});

describe("writeResults", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "ghl-bench-results-test-"));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("writes the markdown and the JSON, and replaces only the README's results section", async () => {
    const readmePath = join(directory, "README.md");
    await writeFile(readmePath, `# Bench\n\n${README_START}\nold table\n${README_END}\n\nAfter.\n`);
    const written = await writeResults(
      { directory: join(directory, "results"), readmePath },
      "| new table |\n",
      { rows: [] },
    );
    expect(written).toEqual([
      join(directory, "results/latest.md"),
      join(directory, "results/latest.json"),
      readmePath,
    ]);
    expect(await readFile(readmePath, "utf8")).toBe(
      `# Bench\n\n${README_START}\n| new table |\n${README_END}\n\nAfter.\n`,
    );
    expect(JSON.parse(await readFile(join(directory, "results/latest.json"), "utf8"))).toEqual({ rows: [] });
  });
});
