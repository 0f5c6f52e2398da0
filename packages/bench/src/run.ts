// Runs every benchmark (or those named by --only), prints each figure as it comes, and writes the
// table as latest.md and latest.json with the command and the machine: to a new temp directory, or
// with --save to results/ (a full run of every benchmark also puts the table in the package README);
// --smoke runs each one briefly (for the smoke test).
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { runBackfill } from "./backfill.bench.js";
import { runBudget } from "./budget.bench.js";
import { runBundle } from "./bundle.bench.js";
import { runClientOverhead } from "./client-overhead.bench.js";
import { runColdImport } from "./cold-import.bench.js";
import { runFootprint } from "./footprint.bench.js";
import { runMock } from "./mock.bench.js";
import { runOfficialSdk } from "./official-sdk.bench.js";
import { PACKAGE_DIR } from "./processes.js";
import { type BenchMode, type BenchResult, formatNumber, formatRowLine, type ResultRow } from "./report.js";
import { chooseResultsDestination, writeResults } from "./results.js";

const BENCHMARKS: Record<string, (mode: BenchMode) => Promise<BenchResult>> = {
  "client-overhead": runClientOverhead,
  "official-sdk": runOfficialSdk,
  "cold-import": runColdImport,
  footprint: runFootprint,
  bundle: runBundle,
  mock: runMock,
  backfill: runBackfill,
  budget: runBudget,
};

interface RunReport {
  command: string;
  mode: BenchMode;
  date: string;
  node: string;
  machine: { cpuModel: string; cores: number; memoryGiB: number; loadAverageAtStart: number[] };
  rows: ResultRow[];
  details: Record<string, Record<string, unknown>>;
  notes: string[];
  durationSeconds: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      smoke: { type: "boolean", default: process.env.BENCH_MODE === "smoke" },
      only: { type: "string" },
      save: { type: "boolean", default: false },
      out: { type: "string" },
    },
  });
  const mode: BenchMode = values.smoke ? "smoke" : "full";
  const names = values.only === undefined ? Object.keys(BENCHMARKS) : values.only.split(",");
  for (const name of names) {
    if (!(name in BENCHMARKS))
      throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHMARKS).join(", ")}`);
  }

  const startedAt = performance.now();
  const report: RunReport = {
    command:
      mode === "full" && values.only === undefined
        ? "pnpm bench"
        : `pnpm bench ${process.argv.slice(2).join(" ")}`,
    mode,
    date: new Date().toISOString(),
    node: process.version,
    machine: {
      cpuModel: cpus()[0]?.model.trim() ?? "unknown",
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
    },
    rows: [],
    details: {},
    notes: [],
    durationSeconds: 0,
  };
  console.log(`ghl-inbound bench (${mode}): ${names.join(", ")}`);
  for (const name of names) {
    const result = await BENCHMARKS[name]!(mode);
    for (const row of result.rows) console.log(formatRowLine(row));
    report.rows.push(...result.rows);
    report.details[name] = result.details;
    report.notes.push(...result.notes);
  }
  report.durationSeconds = Math.round((performance.now() - startedAt) / 1000);

  const destination = await chooseResultsDestination({
    packageDir: PACKAGE_DIR,
    isSaved: values.save,
    isFullRunOfAll: mode === "full" && values.only === undefined,
    out: values.out,
  });
  const written = await writeResults(destination, formatMarkdown(report), report);
  console.log(`Results (${report.durationSeconds} s): ${written.join(", ")}`);
  if (!values.save)
    console.log(
      "Not saved in the repository: `pnpm bench --save` writes packages/bench/results and its README.",
    );
}

function formatMarkdown(report: RunReport): string {
  const { machine } = report;
  const lines = [
    `Command: \`${report.command}\` (${report.mode} run, ${report.durationSeconds} s) on ${report.date.slice(0, 10)}, ` +
      `Node ${report.node}, ${machine.cpuModel} x ${machine.cores} cores, ${machine.memoryGiB} GiB ` +
      `(load average at start ${machine.loadAverageAtStart.join(", ")}).`,
    "",
    "| Benchmark | Measure | Ours | Baseline | Ours / baseline | Target |",
    "| --- | --- | --- | --- | --- | --- |",
    ...report.rows.map((row) => {
      const cell = (label: string, value: number) => `${label}: ${formatNumber(value)} ${row.unit}`;
      const target = row.target ? `${row.target.text}: ${row.target.isMet ? "**met**" : "**not met**"}` : "";
      return `| ${row.benchmark} | ${row.measure} | ${cell(row.ours.label, row.ours.value)} | ${
        row.baseline ? cell(row.baseline.label, row.baseline.value) : ""
      } | ${row.ratio === undefined ? "" : `${formatNumber(row.ratio)}x`} | ${target} |`;
    }),
    "",
    ...report.notes.map((note) => `- ${note}`),
    "",
  ];
  return lines.join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
