import { join } from "node:path";
import { runCommandAllowingFailure } from "./command.js";
import { RELEASE_TESTS_DIR } from "./workspace.js";

/** The resolutions the issue asks for: Node 16+ from CommonJS, from ESM, and bundlers. */
export const CHECKED_RESOLUTIONS = ["node16-cjs", "node16-esm", "bundler"] as const;

/** File types TypeScript or Node can load as a module; any other export (the spec's YAML) is a data file. */
const MODULE_EXTENSION = /\.(?:[cm]?js|json|node|d\.[cm]?ts)$/;

export interface AttwProblem {
  readonly kind: string;
  readonly entrypoint?: string;
  readonly resolutionKind?: string;
}

export interface AttwReport {
  readonly exitCode: number;
  /** Problems under the checked resolutions; node10 ones are left out, as the node16 profile does. */
  readonly problems: readonly AttwProblem[];
  /** For each entrypoint and checked resolution, the declaration (or JSON) file TypeScript resolved, or null. */
  readonly resolvedTypes: ReadonlyArray<{
    entrypoint: string;
    resolutionKind: string;
    fileName: string | null;
  }>;
  readonly excludedEntrypoints: readonly string[];
  readonly output: string;
}

/**
 * Subpaths whose every target is a data file. attw reports those as "no resolution" (TypeScript cannot import
 * YAML); they are checked instead by the consumer, which resolves them with require.resolve and import.meta.resolve.
 */
export function dataFileEntrypoints(exportsField: unknown): string[] {
  if (typeof exportsField !== "object" || exportsField === null || Array.isArray(exportsField)) return [];
  return Object.entries(exportsField)
    .filter(([subpath]) => subpath.startsWith("."))
    .filter(([, target]) => {
      const targets = collectTargets(target);
      return targets.length > 0 && targets.every((file) => !MODULE_EXTENSION.test(file));
    })
    .map(([subpath]) => subpath);
}

function collectTargets(target: unknown): string[] {
  if (typeof target === "string") return [target];
  if (Array.isArray(target)) return target.flatMap(collectTargets);
  if (typeof target === "object" && target !== null) return Object.values(target).flatMap(collectTargets);
  return [];
}

interface AttwJson {
  analysis: {
    problems?: AttwProblem[];
    entrypoints?: Record<
      string,
      {
        resolutions: Record<
          string,
          { resolution?: { fileName: string; isTypeScript: boolean; isJson: boolean } }
        >;
      }
    >;
  };
}

/** Runs @arethetypeswrong/cli on a packed tarball with the node16 profile (node16 CJS, node16 ESM, bundler). */
export async function checkTypesWithAttw(tarballPath: string, exportsField: unknown): Promise<AttwReport> {
  const excludedEntrypoints = dataFileEntrypoints(exportsField);
  const args = [tarballPath, "--profile", "node16", "--format", "json", "--no-color"];
  if (excludedEntrypoints.length > 0) args.push("--exclude-entrypoints", ...excludedEntrypoints);
  const { exitCode, stdout, stderr } = await runCommandAllowingFailure(
    join(RELEASE_TESTS_DIR, "node_modules", ".bin", "attw"),
    args,
    { cwd: RELEASE_TESTS_DIR },
  );
  let json: AttwJson;
  try {
    json = JSON.parse(stdout) as AttwJson;
  } catch {
    throw new Error(`attw printed no JSON report (exit code ${exitCode}):\n${stdout}\n${stderr}`);
  }
  const checked = new Set<string>(CHECKED_RESOLUTIONS);
  const problems = (json.analysis.problems ?? []).filter(
    (problem) => problem.resolutionKind === undefined || checked.has(problem.resolutionKind),
  );
  const resolvedTypes = Object.entries(json.analysis.entrypoints ?? {}).flatMap(
    ([entrypoint, { resolutions }]) =>
      CHECKED_RESOLUTIONS.map((resolutionKind) => {
        const resolution = resolutions[resolutionKind]?.resolution;
        const isTyped = resolution !== undefined && (resolution.isTypeScript || resolution.isJson);
        return { entrypoint, resolutionKind, fileName: isTyped ? resolution.fileName : null };
      }),
  );
  return { exitCode, problems, resolvedTypes, excludedEntrypoints, output: `${stdout}\n${stderr}` };
}
