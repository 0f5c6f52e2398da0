// A README's code examples, as a reader copies them: extracted as printed, type-checked as TypeScript
// under `strict` in a consumer project of their own (the packages they import linked into its
// node_modules, resolved through each package's exports as an app resolves them), and turned into
// JavaScript to be run.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";

export interface ReadmeExample {
  /** The README it comes from, and the line its fence opens on, for failure messages. */
  source: string;
  code: string;
}

/** Every ```ts and ```js block of a README, as printed. */
export function readmeExamples(readmePath: string): ReadmeExample[] {
  const text = readFileSync(readmePath, "utf8");
  return [...text.matchAll(/^```(?:ts|js)\n([\s\S]*?)^```/gm)].map((match) => ({
    source: `${readmePath}:${text.slice(0, match.index).split("\n").length}`,
    code: match[1]!,
  }));
}

/** A complete example stands alone: it imports what it uses. A fragment (no import) is not checked. */
export function isCompleteExample(example: ReadmeExample): boolean {
  return /^import\s/m.test(example.code);
}

/** The example as JavaScript that Node runs (type annotations and `declare`s removed). */
export function toJavaScript(code: string): string {
  return ts.transpileModule(code, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
    },
  }).outputText;
}

/**
 * Type-checks each example as its own module under `strict`, with `packages` (name -> where to find
 * it: a package directory, or one to resolve the name from) linked into the consumer's node_modules.
 * Resolves with one line per error, "<README>:<line>: <message>", none when all compile.
 */
export async function typecheckExamples(
  examples: readonly ReadmeExample[],
  packages: Readonly<Record<string, string>>,
): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), "readme-examples-"));
  try {
    await writeFile(join(root, "package.json"), JSON.stringify({ type: "module", private: true }));
    for (const [name, from] of Object.entries(packages)) {
      const target = join(root, "node_modules", name);
      await mkdir(dirname(target), { recursive: true });
      await symlink(await packageDirOf(name, from), target, "dir");
    }
    const files = new Map<string, ReadmeExample>();
    for (const [index, example] of examples.entries()) {
      const file = join(root, `example-${index + 1}.ts`);
      await writeFile(file, example.code);
      files.set(file, example);
    }
    const program = ts.createProgram([...files.keys()], {
      strict: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
      types: ["node"],
      noEmit: true,
      skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      const example = diagnostic.file && files.get(diagnostic.file.fileName);
      if (diagnostic.file === undefined || example === undefined) return text;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const [readme, fenceLine] = example.source.split(/:(?=\d+$)/);
      return `${readme}:${Number(fenceLine) + line + 1}: ${text}`;
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** `from` itself when it is the package, else where Node finds the package from `from`. */
async function packageDirOf(name: string, from: string): Promise<string> {
  const manifest = join(from, "package.json");
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === name) return realpath(from);
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpath(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed where ${from} could find it`);
  }
}
