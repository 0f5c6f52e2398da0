import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runCommand } from "./command.js";
import { CONSUMER_TEMPLATE_DIR, type ConsumerPart, consumerSourceFiles } from "./consumer-parts.js";
import { RELEASE_TESTS_DIR } from "./workspace.js";

/** Project files every part shares: the manifest and one tsconfig per module resolution. */
const PROJECT_FILES = ["package.json", "tsconfig.node16.json", "tsconfig.bundler.json"];

/**
 * npm's cache for consumer installs. Kept apart from the developer's ~/.npm (nothing of the rehearsal lands
 * there) but kept between runs, so typescript and the client's dependencies are downloaded once per checkout.
 */
export const CONSUMER_NPM_CACHE_DIR = join(
  RELEASE_TESTS_DIR,
  "node_modules",
  ".cache",
  "release-rehearsal-npm",
);

/**
 * Lays out the stranger's project in `dir` with the files of the enabled parts only, and an `.npmrc` that
 * takes the `@ghl-inbound` scope (and only it) from the rehearsal registry.
 */
export async function createConsumerProject(
  dir: string,
  parts: readonly ConsumerPart[],
  rehearsalRegistryUrl: string,
): Promise<void> {
  await mkdir(join(dir, "src"), { recursive: true });
  const files = [...PROJECT_FILES, ...parts.flatMap(consumerSourceFiles)];
  await Promise.all(files.map((file) => copyFile(join(CONSUMER_TEMPLATE_DIR, file), join(dir, file))));
  await writeFile(join(dir, ".npmrc"), `@ghl-inbound:registry=${rehearsalRegistryUrl}\n`);
}

/**
 * The registry the developer's npm uses, read before the rehearsal isolates npm from their config: the
 * consumer takes third-party packages (typescript, the client's runtime dependencies) from there.
 */
export async function readUpstreamRegistry(): Promise<string> {
  const { stdout } = await runCommand("npm", ["config", "get", "registry"], { cwd: RELEASE_TESTS_DIR });
  const registry = stdout.trim();
  return /^https?:\/\//.test(registry) ? registry : "https://registry.npmjs.org/";
}
