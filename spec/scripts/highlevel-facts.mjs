// Regenerates spec/upstream/highlevel-facts.json from a local copy of HighLevel's published files:
//
//   git clone https://github.com/GoHighLevel/highlevel-api-docs /tmp/highlevel-api-docs
//   node spec/scripts/highlevel-facts.mjs /tmp/highlevel-api-docs [--check] [--commit=<sha>]
//
// The commit recorded is the last one that changed apps/conversations.json (read with git), or
// `--commit` for a copy that is not a git checkout.
// It reads apps/conversations.json (and the common/ schemas it points into), keeps the facts of
// "Add an inbound message" (see facts.mjs) and writes them with the commit they came from. `--check`
// writes nothing and fails when the committed file differs. Review the diff: every new difference
// between the facts and spec/openapi.yaml must then be adopted in the spec or named as a departure.
// @ts-check
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { factsOf } from "./facts.mjs";

export const UPSTREAM_FILE = "apps/conversations.json";
const factsPath = fileURLToPath(new URL("../upstream/highlevel-facts.json", import.meta.url));

/**
 * The facts file's content for a copy of the repository at `directory`.
 * @param {string} directory
 * @param {string | undefined} commit
 */
export function upstreamFactsFile(directory, commit) {
  /** @type {Map<string, Record<string, unknown>>} */
  const files = new Map();
  const load = (/** @type {string} */ path) => {
    const absolute = resolve(path);
    if (!files.has(absolute)) files.set(absolute, JSON.parse(readFileSync(absolute, "utf8")));
    return /** @type {Record<string, unknown>} */ (files.get(absolute));
  };
  const mainPath = join(directory, UPSTREAM_FILE);
  const rootPaths = new WeakMap([[load(mainPath), mainPath]]);
  const facts = factsOf(load(mainPath), (ref, from) => {
    const [file = "", fragment = ""] = ref.split("#");
    const path = resolve(dirname(rootPaths.get(from) ?? mainPath), file);
    const root = load(path);
    rootPaths.set(root, path);
    let node = /** @type {unknown} */ (root);
    for (const part of fragment.replace(/^\//, "").split("/"))
      node = /** @type {Record<string, unknown>} */ (node)[part];
    if (node === undefined) throw new Error(`facts: nothing at ${ref}`);
    return { node: /** @type {Record<string, unknown>} */ (node), root };
  });
  return {
    source: { repository: "GoHighLevel/highlevel-api-docs", path: UPSTREAM_FILE, commit: commit ?? null },
    facts,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const directory = args.find((arg) => !arg.startsWith("--"));
  if (!directory) {
    console.error(
      "usage: node spec/scripts/highlevel-facts.mjs <copy of GoHighLevel/highlevel-api-docs> [--check]",
    );
    process.exit(2);
  }
  let commit = args.find((arg) => arg.startsWith("--commit="))?.slice("--commit=".length);
  if (!commit)
    try {
      commit =
        execFileSync("git", ["-C", directory, "log", "-1", "--format=%H", "--", UPSTREAM_FILE], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }).trim() || undefined;
    } catch {
      commit = undefined; // not a git checkout: the file says so with commit null
    }
  const text = `${JSON.stringify(upstreamFactsFile(directory, commit), null, 2)}\n`;
  if (args.includes("--check")) {
    if (readFileSync(factsPath, "utf8") !== text) {
      console.error(
        `${factsPath} differs from the facts of ${directory}; run without --check and review the diff.`,
      );
      process.exit(1);
    }
    console.log("spec/upstream/highlevel-facts.json matches the upstream copy");
  } else {
    writeFileSync(factsPath, text);
    console.log(`wrote ${factsPath} (${Object.keys(JSON.parse(text).facts).length} facts)`);
  }
}
