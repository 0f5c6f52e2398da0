// `pnpm install` in a fresh clone builds the mock, so `require("@ghl-inbound/mock")` works straight away.
// Packing and publishing run `prepare` too: there dist/ is already built (and tsup may not be installed),
// and anything printed would corrupt `pnpm pack --json`, so it does nothing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(new URL("../dist/index.cjs", import.meta.url))) {
  const build = spawnSync("tsup", { stdio: ["ignore", "ignore", "inherit"], shell: true });
  process.exit(build.status ?? 1);
}
