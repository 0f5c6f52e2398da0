// Cold import: how long a fresh Node process takes to import our client and the official SDK,
// less an empty process; and how long a fresh process's `require()` of the client takes against
// `require("openapi-fetch")` alone, from the packed install. Separate processes, alternating, median.

import { packedInstall } from "./packed-install.js";
import { runNodeScript } from "./processes.js";
import { type BenchMode, type BenchResult, formatNumber, type ResultRow, rowOf } from "./report.js";
import { median } from "./stats.js";

const RUNS: Record<BenchMode, number> = { full: 15, smoke: 1 };
/** The require() ratio is a few milliseconds against a few: many more rounds to steady the median. */
const REQUIRE_RUNS: Record<BenchMode, number> = { full: 41, smoke: 3 };
/** Issue 13's budget: the client's cold require() at most this many times openapi-fetch's. */
const REQUIRE_TARGET_RATIO = 1.5;

const OURS = "@ghl-inbound/client";
const THEIRS = "@gohighlevel/api-client";

const SCRIPTS = {
  baseline: "",
  [OURS]: `await import(${JSON.stringify(OURS)});`,
  [THEIRS]: `await import(${JSON.stringify(THEIRS)});`,
};

export async function runColdImport(mode: BenchMode): Promise<BenchResult> {
  const runs = RUNS[mode];
  const times = new Map<string, number[]>(Object.keys(SCRIPTS).map((name) => [name, []]));
  // A first run of each warms the disk cache: "cold" here means a new process, not a cold disk.
  if (mode === "full") for (const script of Object.values(SCRIPTS)) await runNodeScript(script);
  const entries = Object.entries(SCRIPTS);
  for (let run = 0; run < runs; run += 1) {
    for (let index = 0; index < entries.length; index += 1) {
      const [name, script] = entries[(index + run) % entries.length]!;
      times.get(name)!.push((await runNodeScript(script)).elapsedMs);
    }
  }
  const baselineMs = median(times.get("baseline")!);
  const oursMs = median(times.get(OURS)!) - baselineMs;
  const theirsMs = median(times.get(THEIRS)!) - baselineMs;
  const required = await measureRequire(mode);
  return {
    rows: [
      required.row,
      rowOf({
        benchmark: "cold import",
        measure: "import() in a new process, less an empty one",
        unit: "ms",
        ours: { label: OURS, value: oursMs },
        baseline: { label: THEIRS, value: theirsMs },
      }),
    ],
    details: { runs, emptyProcessMs: baselineMs, require: required.details },
    notes: [
      `Cold require(): in a fresh Node process (CommonJS, in the packed install's consumer directory; see install ` +
        `footprint), the time \`require("<package>")\` takes, read with performance.now() around the call, so ` +
        "that Node's own start-up is not in it; each load resolves, reads and compiles its files. " +
        `${required.details.runs} pairs of processes, back to back, who goes first alternating; the medians of ` +
        "each, and the median of the pairs' ratios (against a load that drifts during the run).",
      `Cold import: \`node --input-type=module -e "await import('<package>')"\`, ${runs} processes each, alternating ` +
        `with an empty \`node -e ""\` (median ${baselineMs.toFixed(0)} ms), which is subtracted; median of each. ` +
        "Both import their built entry points from node_modules, as a user's app would.",
    ],
  };
}

/**
 * `require()` of the client against `require("openapi-fetch")`, each in a new process, in pairs run back
 * to back (who goes first alternates). The ratio is the median of the pairs' ratios: a machine whose
 * load drifts during the run moves both sides of a pair alike.
 */
async function measureRequire(mode: BenchMode): Promise<{ row: ResultRow; details: Record<string, number> }> {
  const { dir } = await packedInstall(OURS);
  const runs = REQUIRE_RUNS[mode];
  const script = (name: string) =>
    `const t = performance.now(); require(${JSON.stringify(name)}); process.stdout.write(String(performance.now() - t));`;
  const timeOf = async (name: string) =>
    Number((await runNodeScript(script(name), { cwd: dir, inputType: "commonjs" })).stdout);
  // A first load of each warms the disk cache: "cold" here means a new process, not a cold disk.
  if (mode === "full") await Promise.all([timeOf(OURS), timeOf("openapi-fetch")]);
  const ours: number[] = [];
  const baseline: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const [first, second] = run % 2 === 0 ? [OURS, "openapi-fetch"] : ["openapi-fetch", OURS];
    const times = { [first]: await timeOf(first), [second]: await timeOf(second) };
    ours.push(times[OURS]!);
    baseline.push(times["openapi-fetch"]!);
    ratios.push(times[OURS]! / times["openapi-fetch"]!);
  }
  const ratio = median(ratios);
  const row: ResultRow = {
    ...rowOf({
      benchmark: "cold import",
      measure: "require() in a new process, vs openapi-fetch alone (median of paired ratios)",
      unit: "ms",
      ours: { label: OURS, value: median(ours) },
      baseline: { label: "openapi-fetch alone", value: median(baseline) },
      target: { text: `<= ${formatNumber(REQUIRE_TARGET_RATIO)}x`, isMet: ratio <= REQUIRE_TARGET_RATIO },
    }),
    ratio,
  };
  return {
    row,
    details: { runs, oursMs: median(ours), openapiFetchMs: median(baseline), medianPairedRatio: ratio },
  };
}
