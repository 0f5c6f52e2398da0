// `pnpm release` after its build, and the release rehearsal (packages/release-tests) verbatim: publishes every
// public workspace package whose version is not on the registry yet, then tags the release with changesets.
//
// Why not `changeset publish`: it runs `pnpm publish` without `--provenance`, and pnpm 12.4.2 signs a
// provenance statement for that flag only (NPM_CONFIG_PROVENANCE, pnpm_config_provenance, an .npmrc
// `provenance=true` and publishConfig.provenance are each ignored: checked against a registry and a stand-in
// GitHub OIDC endpoint, which pnpm asks for a sigstore token only when given the flag).
//
// Usage: node .ci/publish.mjs [--no-git-tag]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Whether this run can sign a provenance statement, and why. GitHub Actions hands a job an OIDC token only
 * with `permissions: id-token: write`; without it a publish from Actions would go out unsigned, so that is
 * an error rather than a quiet downgrade. Anywhere else (a laptop, the rehearsal) there is no token to sign
 * with, and provenance is off.
 */
export function provenanceFor(env) {
  const onGitHubActions = env.GITHUB_ACTIONS === "true";
  const hasIdToken = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  if (onGitHubActions && hasIdToken) return { provenance: true, reason: "GitHub Actions OIDC token present" };
  if (onGitHubActions) {
    return {
      error:
        "publishing from GitHub Actions without an OIDC token: give the job `permissions: id-token: write` so every package carries a provenance statement",
    };
  }
  return { provenance: false, reason: "not on GitHub Actions, no OIDC token to sign with" };
}

/** The one publish command, for CI and the rehearsal alike; only `--provenance` depends on where it runs. */
export function publishArguments({ provenance }) {
  return [
    "publish",
    "--recursive",
    "--access",
    "public",
    // changesets/action commits the version bump first; pnpm's check for a clean, pushed branch would refuse.
    "--no-git-checks",
    ...(provenance ? ["--provenance"] : []),
  ];
}

function run(command, args) {
  console.log(`$ ${[command, ...args].join(" ")}`);
  const { status, error } = spawnSync(command, args, { stdio: "inherit" });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
}

function main(argv) {
  const decision = provenanceFor(process.env);
  if ("error" in decision) {
    console.error(`release: ${decision.error}`);
    process.exit(1);
  }
  console.log(`release: provenance ${decision.provenance ? "on" : "off"} (${decision.reason})`);
  run("pnpm", publishArguments(decision));
  // Tags `<name>@<version>` for every public package not tagged yet and prints "New tag: ..." lines, which
  // changesets/action reads to create the GitHub releases.
  if (!argv.includes("--no-git-tag")) run("pnpm", ["exec", "changeset", "tag"]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
