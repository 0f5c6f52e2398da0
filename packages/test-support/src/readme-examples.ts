import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";

/** A fenced code block of a markdown file. */
export interface CodeBlock {
  /** The info string after the fence: `ts`, `ts fragment`. */
  info: string;
  code: string;
  /** 1-based line of the block's first code line in the markdown file. */
  line: number;
}

export interface ExampleCheck {
  /** How many blocks were type-checked: a test asserts it, so that a README with none cannot pass. */
  checkedBlocks: number;
  /** One line per error, at its line in the markdown file: `README.md:14: TS2322: Type ...`. */
  errors: string[];
}

const TYPESCRIPT_INFO = /^(ts|typescript|mts)$/i;

/**
 * The options of a user's strict project: `tsc --strict` on ES modules for Node. Library `.d.ts`
 * files are skipped, as most projects do, so that only what the README prints is judged.
 */
export const EXAMPLE_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  skipLibCheck: true,
  noEmit: true,
};

/** Every fenced block, in order; indented code blocks are not examples. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const opening = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[index]!);
    if (!opening) continue;
    const [, fence, info] = opening;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence!)) body.push(lines[end++]!);
    blocks.push({ info: info!.trim(), code: body.join("\n"), line: index + 2 });
    index = end;
  }
  return blocks;
}

/**
 * The complete TypeScript examples: blocks fenced as `ts`, `typescript` or `mts`. A block that is
 * only part of a program (it uses names an earlier block defined) is fenced as `ts fragment` and
 * left out; GitHub still highlights it as TypeScript.
 */
export function extractTypeScriptExamples(markdown: string): CodeBlock[] {
  return extractCodeBlocks(markdown).filter((block) => {
    const [language, ...attributes] = block.info.split(/\s+/);
    return TYPESCRIPT_INFO.test(language ?? "") && !attributes.includes("fragment");
  });
}

/**
 * Type-checks each complete TypeScript example of `markdown` as printed, as its own ES module
 * (`.mts`, so top-level await works) placed in `packageDir`: imports resolve as they would in that
 * package, including the package's own name (through its `exports`, so build it first). Nothing is
 * written to disk.
 */
export function typeCheckMarkdownExamples(
  markdown: string,
  options: { packageDir: string; fileName?: string; compilerOptions?: ts.CompilerOptions },
): ExampleCheck {
  const fileName = options.fileName ?? "README.md";
  const compilerOptions = { ...EXAMPLE_COMPILER_OPTIONS, ...options.compilerOptions };
  const examples = extractTypeScriptExamples(markdown);
  const virtualFiles = new Map(
    examples.map((block, index) => [join(options.packageDir, `readme-example-${index + 1}.mts`), block]),
  );

  const host = ts.createCompilerHost(compilerOptions);
  const { fileExists, readFile: readHostFile, getSourceFile } = host;
  host.fileExists = (path) => virtualFiles.has(path) || fileExists.call(host, path);
  host.readFile = (path) => virtualFiles.get(path)?.code ?? readHostFile.call(host, path);
  host.getSourceFile = (path, languageVersion, ...rest) => {
    const block = virtualFiles.get(path);
    return block
      ? ts.createSourceFile(path, block.code, languageVersion, true)
      : getSourceFile.call(host, path, languageVersion, ...rest);
  };

  const program = ts.createProgram([...virtualFiles.keys()], compilerOptions, host);
  const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const block = diagnostic.file ? virtualFiles.get(diagnostic.file.fileName) : undefined;
    if (!diagnostic.file || diagnostic.start === undefined)
      return `${fileName}: TS${diagnostic.code}: ${text}`;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const where = block ? `${fileName}:${block.line + line}` : `${diagnostic.file.fileName}:${line + 1}`;
    return `${where}: TS${diagnostic.code}: ${text}`;
  });
  return { checkedBlocks: examples.length, errors };
}

/** typeCheckMarkdownExamples() on `<packageDir>/README.md`. */
export async function typeCheckReadmeExamples(
  packageDir: string,
  compilerOptions?: ts.CompilerOptions,
): Promise<ExampleCheck> {
  const markdown = await readFile(join(packageDir, "README.md"), "utf8");
  return typeCheckMarkdownExamples(markdown, { packageDir, ...(compilerOptions && { compilerOptions }) });
}

/**
 * An example as JavaScript that Node runs (type annotations and `declare`s removed), for the suites
 * that also run their README's examples.
 */
export function toJavaScript(code: string): string {
  return ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}
