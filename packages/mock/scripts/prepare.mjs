// `pnpm install` in a fresh clone builds the mock, so `require("@ghl-inbound/mock")` works straight away.
// In this repository it builds through turbo, whose cache then holds the build: the first `pnpm mock` after
// the install finds it there instead of building again, silently, for 20 s (issue 22).
// Packing and publishing run `prepare` too: there dist/ is already built (and tsup may not be installed),
// and anything printed would corrupt `pnpm pack --json`, so it does nothing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const turbo = fileURLToPath(new URL("../../../node_modules/.bin/turbo", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));

if (!existsSync(new URL("../dist/index.cjs", import.meta.url))) {
  const build = existsSync(turbo)
    ? spawnSync(turbo, ["run", "build", "--filter=@ghl-inbound/mock", "--output-logs=errors-only"], {
        cwd: root,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
      })
    : spawnSync("tsup", { stdio: ["ignore", "ignore", "inherit"], shell: true });
  process.exit(build.status ?? 1);
}
