// Where a run's results go. A plain `pnpm bench` must leave the working tree as it found it (CI fails
// on any change, and a stray diff of figures is not something to commit by accident), so it writes
// to a new directory under the OS temp dir and prints it; saving into the repository (results/ and
// the README's table) is asked for with --save.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const README_START = "<!-- results:start -->";
export const README_END = "<!-- results:end -->";

export interface ResultsDestination {
  directory: string;
  /** The README whose results section gets the table: only when saving a full run of every benchmark. */
  readmePath: string | undefined;
}

export async function chooseResultsDestination(options: {
  packageDir: string;
  isSaved: boolean;
  isFullRunOfAll: boolean;
  out: string | undefined;
}): Promise<ResultsDestination> {
  const directory =
    options.out ??
    (options.isSaved
      ? join(options.packageDir, "results")
      : await mkdtemp(join(tmpdir(), "ghl-inbound-bench-")));
  const readmePath =
    options.isSaved && options.isFullRunOfAll ? join(options.packageDir, "README.md") : undefined;
  return { directory, readmePath };
}

/** Writes latest.md and latest.json (and the README's table, when asked); returns the paths written. */
export async function writeResults(
  destination: ResultsDestination,
  markdown: string,
  report: unknown,
): Promise<string[]> {
  await mkdir(destination.directory, { recursive: true });
  const markdownPath = join(destination.directory, "latest.md");
  const jsonPath = join(destination.directory, "latest.json");
  await writeFile(markdownPath, markdown);
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  if (destination.readmePath === undefined) return [markdownPath, jsonPath];
  await replaceReadmeResults(destination.readmePath, markdown);
  return [markdownPath, jsonPath, destination.readmePath];
}

async function replaceReadmeResults(path: string, markdown: string): Promise<void> {
  const readme = await readFile(path, "utf8");
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start)
    throw new Error(`${path} has no ${README_START} ... ${README_END} section`);
  await writeFile(path, `${readme.slice(0, start + README_START.length)}\n${markdown}${readme.slice(end)}`);
}
