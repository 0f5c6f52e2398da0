import { delimiter, join, resolve, sep } from "node:path";
import { WORKSPACE_ROOT } from "./workspace.js";

/**
 * Variables that pnpm, turbo and vitest set for the test run. Passed on, they would point npm and pnpm at
 * the workspace (`npm_config_*`, `pnpm_config_*`, `NODE_PATH` from pnpm's bin shims) instead of the project
 * they run in, and make the rehearsal depend on how it was started. GitHub Actions' OIDC variables go too:
 * when the release job (which has `id-token: write`) runs the rehearsal, a publish to Verdaccio must not
 * sign a real provenance statement.
 */
const INHERITED_NOISE =
  /^(npm_|pnpm_|INIT_CWD$|NODE_PATH$|NODE_OPTIONS$|NODE_ENV$|VITEST|TEST$|TURBO_|GITHUB_ACTIONS$|ACTIONS_ID_TOKEN_REQUEST_)/i;

/**
 * The caller's environment without what the test run added: no `npm_*`/`pnpm_*` variables, and PATH without
 * the workspace's node_modules/.bin, so a project elsewhere runs its own binaries. HOME is kept: the
 * developer's pnpm store and metadata cache are what let a scratch copy install offline.
 */
export function createCleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !INHERITED_NOISE.test(key)) env[key] = value;
  }
  const workspaceRoot = resolve(WORKSPACE_ROOT);
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((entry) => entry !== "" && !`${resolve(entry)}${sep}`.startsWith(`${workspaceRoot}${sep}`))
    .join(delimiter);
  return env;
}

/**
 * The environment for publishing and for the stranger's project: a clean one (above) with a throwaway HOME,
 * so neither the developer's ~/.npmrc, pnpm or npm settings are read nor their npm cache, logs or credentials
 * written. Proxies and CA settings are kept, so npm reaches the registry the way the developer's machine does.
 */
export function createIsolatedEnv(
  homeDir: string,
  overrides: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  return {
    ...createCleanEnv(),
    HOME: homeDir,
    XDG_CONFIG_HOME: join(homeDir, ".config"),
    XDG_CACHE_HOME: join(homeDir, ".cache"),
    XDG_DATA_HOME: join(homeDir, ".local", "share"),
    XDG_STATE_HOME: join(homeDir, ".local", "state"),
    npm_config_userconfig: join(homeDir, ".npmrc"),
    npm_config_globalconfig: join(homeDir, "global-npmrc"),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    // Prism's dependency @scarf/scarf sends install analytics from its postinstall script when npm runs it.
    SCARF_ANALYTICS: "false",
    ...overrides,
  };
}
