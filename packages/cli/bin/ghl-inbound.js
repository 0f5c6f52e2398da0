#!/usr/bin/env node
// The `ghl-inbound` command. A file that exists before the build, so that pnpm links the bin in a fresh
// clone's install; the command itself is dist/cli.js.
import("../dist/cli.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli.js")) {
    // In this repository `pnpm install` builds only the mock; the CLI and what it uses come from `pnpm build`.
    process.stderr.write(
      "ghl-inbound: @ghl-inbound/cli is not built yet: run `pnpm build` at the repository root (about a minute, " +
        "once), then `pnpm exec ghl-inbound --help`\n",
    );
    process.exitCode = 1;
    return;
  }
  throw error;
});
