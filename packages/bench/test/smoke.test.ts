import { execFileSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runNode } from "@ghl-inbound/test-support/json-process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const BENCHMARKS = [
  "client overhead",
  "official SDK",
  "cold import",
  "install footprint",
  "browser bundle",
  "mock",
  "backfill",
  "rate budget",
];

interface Row {
  benchmark: string;
  measure: string;
  ours: { label: string; value: number };
  baseline?: { label: string; value: number };
  ratio?: number;
}

let outDir: string;
let run: { code: number | null; stdout: string; stderr: string };
let treeBefore: string;
let treeAfter: string;

/** The working tree as `git status` sees it (tracked changes and untracked files), as .ci/run checks it. */
const treeStatus = (): string =>
  execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], {
    cwd: PACKAGE_DIR,
    encoding: "utf8",
  });

/** `pnpm bench` as the runner sees it, in smoke mode (each benchmark briefly), writing where it writes by default. */
function runSmoke(): Promise<typeof run> {
  return runNode(["--import", "tsx", "src/run.ts", "--smoke"], { cwd: PACKAGE_DIR });
}

beforeAll(async () => {
  treeBefore = treeStatus();
  run = await runSmoke();
  treeAfter = treeStatus();
  const written = /^Results \(\d+ s\): (\S+\/latest\.md), (\S+\/latest\.json)$/m.exec(run.stdout);
  if (!written) throw new Error(`no Results line in:\n${run.stdout}\n${run.stderr}`);
  outDir = dirname(written[1]!);
}, 120_000);

afterAll(async () => {
  // Only ever a directory of its own under the temp dir (asserted below): safe to remove.
  if (outDir?.startsWith(tmpdir())) await rm(outDir, { recursive: true, force: true });
});

describe("pnpm bench --smoke", () => {
  it("runs every benchmark to the end", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("leaves the working tree as it was: results go to a new temp directory, printed", () => {
    expect(treeAfter).toBe(treeBefore);
    expect(outDir.startsWith(join(tmpdir(), "ghl-inbound-bench-"))).toBe(true);
    expect(run.stdout).toContain("Not saved in the repository: `pnpm bench --save`");
  });

  it("prints a line with finite figures for every measure of every benchmark", () => {
    const lines = run.stdout.split("\n").filter((line) => line.includes(" | "));
    for (const benchmark of BENCHMARKS) {
      expect(
        lines.some((line) => line.startsWith(`${benchmark} | `)),
        benchmark,
      ).toBe(true);
    }
    for (const line of lines) {
      const figures = [
        ...line
          .split(": ")
          .slice(1)
          .join(": ")
          .matchAll(/(-?[\d,]+(?:\.\d+)?) (?:us|ms|kB|req\/s|packages)/g),
      ];
      expect(figures.length, line).toBeGreaterThan(0);
      for (const [, figure] of figures)
        expect(Number.isFinite(Number(figure!.replaceAll(",", ""))), line).toBe(true);
    }
  });

  it("writes the table as JSON, with the command and the machine, every figure a finite number", async () => {
    const report = JSON.parse(await readFile(join(outDir, "latest.json"), "utf8")) as {
      command: string;
      mode: string;
      node: string;
      machine: { cpuModel: string; cores: number };
      rows: Row[];
    };
    expect(report.mode).toBe("smoke");
    expect(report.command).toMatch(/^pnpm bench/);
    expect(report.node).toBe(process.version);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(new Set(report.rows.map((row) => row.benchmark))).toEqual(new Set(BENCHMARKS));
    for (const row of report.rows) {
      const values = [row.ours.value, row.baseline?.value, row.ratio].filter((value) => value !== undefined);
      for (const value of values)
        expect(Number.isFinite(value), `${row.benchmark}: ${row.measure}`).toBe(true);
    }
  });

  it("writes the same table as markdown", async () => {
    const markdown = await readFile(join(outDir, "latest.md"), "utf8");
    expect(markdown).toContain("| Benchmark | Measure | Ours | Baseline | Ours / baseline | Target |");
    for (const benchmark of BENCHMARKS) expect(markdown).toContain(`| ${benchmark} |`);
  });
});
