// What `pnpm mock` runs: builds the mock through turbo, then runs the ghl-inbound-mock command in this
// same process, with the arguments given to `pnpm mock`.
//
// pnpm runs a script through `sh -c` and passes SIGTERM, SIGINT and SIGHUP to that shell only, which
// does not pass them on: the root script therefore `exec`s this file, so that pnpm's child is this
// process, and the server runs in it rather than in a grandchild that no signal would reach. During
// the build, the signal is passed on to turbo and nothing is started.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
const root = fileURLToPath(new URL("../../../", import.meta.url));

// Cached by turbo (and filled by `pnpm install`), this takes a second or two; a real rebuild takes about 20 s,
// so say what is going on rather than stay silent until the ready line.
process.stderr.write("pnpm mock: building @ghl-inbound/mock if it changed (turbo; ~20 s when it did)...\n");
const turbo = spawn(
  fileURLToPath(new URL("../../../node_modules/.bin/turbo", import.meta.url)),
  ["run", "build", "--filter=@ghl-inbound/mock", "--output-logs=errors-only"],
  {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  },
);
let stopSignal;
const passOn = (signal) => {
  stopSignal = signal;
  turbo.kill(signal);
};
for (const signal of STOP_SIGNALS) process.on(signal, passOn);
const [code] = await once(turbo, "exit");
for (const signal of STOP_SIGNALS) process.off(signal, passOn);

if (stopSignal !== undefined) {
  process.exit(0);
} else if (code !== 0) {
  process.stderr.write(`pnpm mock: building @ghl-inbound/mock failed (turbo exited with ${code})\n`);
  process.exit(code ?? 1);
} else {
  // The command reads its options from process.argv, which are this script's: pnpm mock's arguments.
  await import("../dist/cli.js");
}
