import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const BENCHMARKS = [
  "client overhead",
  "official SDK",
  "cold import",
  "install footprint",
  "mock",
  "backfill",
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

/** `pnpm bench` as the runner sees it, in smoke mode (each benchmark briefly), writing to a temp dir. */
function runSmoke(out: string): Promise<typeof run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/run.ts", "--smoke", "--out", out], {
      cwd: PACKAGE_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "ghl-bench-smoke-"));
  run = await runSmoke(outDir);
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("pnpm bench --smoke", () => {
  it("runs every benchmark to the end", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
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
