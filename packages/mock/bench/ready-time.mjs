// Measures how long `ghl-inbound-mock` takes from spawn to its ready line (node start, Prism load,
// spec parse, listen). A benchmark, not a test: run `node bench/ready-time.mjs [runs]` after build.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const runs = Number(process.argv[2] ?? 10);

function measureOnce() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, "--port", "0", "--quiet"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.on("data", (chunk) => {
      if (!String(chunk).includes("ready at")) return;
      const elapsedMs = performance.now() - started;
      child.kill("SIGTERM");
      child.once("exit", () => resolve(elapsedMs));
    });
    child.once("error", reject);
  });
}

const times = [];
for (let run = 0; run < runs; run++) times.push(await measureOnce());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  `ready line after spawn, ${runs} runs: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`,
);
