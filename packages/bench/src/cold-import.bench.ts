// Cold import: how long a fresh Node process takes to import our client and the official SDK,
// less an empty process. Separate processes, alternating, median.

import { runNodeScript } from "./processes.js";
import { type BenchMode, type BenchResult, rowOf } from "./report.js";
import { median } from "./stats.js";

const RUNS: Record<BenchMode, number> = { full: 15, smoke: 1 };

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
  return {
    rows: [
      rowOf({
        benchmark: "cold import",
        measure: "import() in a new process, less an empty one",
        unit: "ms",
        ours: { label: OURS, value: oursMs },
        baseline: { label: THEIRS, value: theirsMs },
      }),
    ],
    details: { runs, emptyProcessMs: baselineMs },
    notes: [
      `Cold import: \`node --input-type=module -e "await import('<package>')"\`, ${runs} processes each, alternating ` +
        `with an empty \`node -e ""\` (median ${baselineMs.toFixed(0)} ms), which is subtracted; median of each. ` +
        "Both import their built entry points from node_modules, as a user's app would.",
    ],
  };
}
