// Distils the facts of "Add an inbound message" from a local copy of HighLevel's published files into
// spec/upstream/highlevel-facts.json, or checks that file against the copy:
//
//   git clone --filter=blob:none https://github.com/GoHighLevel/highlevel-api-docs /tmp/highlevel-api-docs
//   node spec/scripts/highlevel-facts.mjs /tmp/highlevel-api-docs [--check] [--facts=<file>]
//
// Two files describe the operation: apps/conversations.json (Version 2021-04-15, the file the spec's
// departures are checked against) and apps/v3/conversations-v3.json (Version v3). Each is distilled by
// facts.mjs, with the commit that last changed it (read with git; null for a copy that is not a git
// checkout). The v3 file points its error bodies at `../common/common-schemas.json`, a folder that does
// not exist upstream: those references are read from `apps/v3/common/`, where the file is.
//
// `--check` writes nothing: it compares the facts (parsed, not the file's text, which the formatter
// rewrites) and fails naming each fact that changed, as `file: key: before -> after`. A file changed
// upstream without a change of fact passes, saying so. Review a failure: adopt each new fact in
// spec/openapi.yaml or name it as a departure, then run without --check to record it.
// @ts-check
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { factsOf } from "./facts.mjs";

export const REPOSITORY = "GoHighLevel/highlevel-api-docs";
/** The files that describe the operation; the first is the one the spec's departures are checked against. */
export const UPSTREAM_FILES = ["apps/conversations.json", "apps/v3/conversations-v3.json"];
/** Folders that references point at but that do not exist upstream, and where their files really are. */
const MISPLACED_FOLDERS = [{ missing: "apps/common/", actual: "apps/v3/common/" }];
const defaultFactsPath = fileURLToPath(new URL("../upstream/highlevel-facts.json", import.meta.url));

/**
 * @typedef {{ path: string, commit: string | null, facts: Record<string, unknown> }} UpstreamFile
 * @typedef {{ repository: string, files: UpstreamFile[] }} FactsFile
 */

/**
 * The facts file's content for a copy of the repository at `directory`.
 * @param {string} directory
 * @param {(path: string) => string | null} [commitOf] the commit that last changed a file
 * @returns {FactsFile}
 */
export function upstreamFactsFile(directory, commitOf = () => null) {
  return {
    repository: REPOSITORY,
    files: UPSTREAM_FILES.map((path) => ({
      path,
      commit: commitOf(path),
      facts: factsOfFile(directory, path),
    })),
  };
}

/**
 * @param {string} directory
 * @param {string} file
 */
function factsOfFile(directory, file) {
  /** @type {Map<string, Record<string, unknown>>} */
  const loaded = new Map();
  /** @type {WeakMap<Record<string, unknown>, string>} */
  const pathOf = new WeakMap();
  const load = (/** @type {string} */ path) => {
    if (!loaded.has(path)) {
      const document = JSON.parse(readFileSync(path, "utf8"));
      loaded.set(path, document);
      pathOf.set(document, path);
    }
    return /** @type {Record<string, unknown>} */ (loaded.get(path));
  };
  const mainPath = resolve(directory, file);
  return factsOf(load(mainPath), (ref, from) => {
    const [target = "", fragment = ""] = ref.split("#");
    const root = load(existingPath(directory, resolve(dirname(pathOf.get(from) ?? mainPath), target)));
    let node = /** @type {unknown} */ (root);
    for (const part of fragment.replace(/^\//, "").split("/"))
      node = /** @type {Record<string, unknown>} */ (node)?.[part];
    if (node === undefined) throw new Error(`facts: nothing at ${ref}`);
    return { node: /** @type {Record<string, unknown>} */ (node), root };
  });
}

/**
 * `path`, or where a misplaced folder's file really is.
 * @param {string} directory
 * @param {string} path
 */
function existingPath(directory, path) {
  if (existsSync(path)) return path;
  const inRepository = relative(directory, path).split("\\").join("/");
  for (const { missing, actual } of MISPLACED_FOLDERS) {
    if (inRepository.startsWith(missing)) {
      const moved = join(directory, actual, inRepository.slice(missing.length));
      if (existsSync(moved)) return moved;
    }
  }
  throw new Error(`facts: ${inRepository} does not exist in the copy`);
}

/**
 * What changed between the recorded facts and the copy's: one line per fact that differs, then
 * nothing else matters. `notes` says which files changed upstream with no change of fact.
 * @param {FactsFile} recorded
 * @param {FactsFile} current
 */
export function changesBetween(recorded, current) {
  /** @type {string[]} */
  const changes = [];
  /** @type {string[]} */
  const notes = [];
  for (const file of current.files) {
    const before = recorded.files?.find((candidate) => candidate.path === file.path);
    if (!before) {
      changes.push(`${file.path}: not recorded yet`);
      continue;
    }
    const keys = [...new Set([...Object.keys(before.facts), ...Object.keys(file.facts)])].sort();
    const differing = keys.filter(
      (key) => JSON.stringify(before.facts[key]) !== JSON.stringify(file.facts[key]),
    );
    for (const key of differing)
      changes.push(`${file.path}: ${key}: ${show(before.facts[key])} -> ${show(file.facts[key])}`);
    if (differing.length === 0 && before.commit !== file.commit)
      notes.push(`${file.path} changed at ${file.commit} (recorded: ${before.commit}); no fact changed`);
  }
  return { changes, notes };
}

/** @param {unknown} value */
function show(value) {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}

/**
 * The commit that last changed `path` in the git checkout at `directory`, or null.
 * @param {string} directory
 */
function gitCommitOf(directory) {
  return (/** @type {string} */ path) => {
    try {
      const commit = execFileSync("git", ["-C", directory, "log", "-1", "--format=%H", "--", path], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
      return commit || null;
    } catch {
      return null; // not a git checkout: the file says so with commit null
    }
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const directory = args.find((arg) => !arg.startsWith("--"));
  if (!directory) {
    console.error(
      "usage: node spec/scripts/highlevel-facts.mjs <copy of GoHighLevel/highlevel-api-docs> [--check] [--facts=<file>]",
    );
    process.exit(2);
  }
  const factsPath =
    args.find((arg) => arg.startsWith("--facts="))?.slice("--facts=".length) ?? defaultFactsPath;
  const current = upstreamFactsFile(directory, gitCommitOf(directory));
  if (args.includes("--check")) {
    /** @type {FactsFile} */
    const recorded = JSON.parse(readFileSync(factsPath, "utf8"));
    const { changes, notes } = changesBetween(recorded, current);
    for (const note of notes) console.log(note);
    if (changes.length > 0) {
      console.error(`HighLevel's published facts of Add an inbound message changed (${changes.length}):`);
      for (const change of changes) console.error(`  ${change}`);
      console.error(
        "Adopt each in spec/openapi.yaml or name it as a departure, then run without --check to record it.",
      );
      process.exit(1);
    }
    console.log(`${factsPath}: the facts match ${directory}`);
  } else {
    writeFileSync(factsPath, `${JSON.stringify(current, null, 2)}\n`);
    const counts = current.files.map((file) => `${file.path}: ${Object.keys(file.facts).length} facts`);
    console.log(`wrote ${factsPath} (${counts.join(", ")})`);
  }
}
