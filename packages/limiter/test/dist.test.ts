import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import * as source from "../src/index.js";
import * as rules from "../src/rules.js";

const run = promisify(execFile);
const packageDir = new URL("..", import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));

/** Runs a snippet in a fresh Node process inside the package, which resolves its own name through `exports`. */
async function evaluate(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, args, { cwd: packageDir });
  return stdout.trim();
}

// One slot per interval: the first acquire gets it, the second cannot within maxWaitMs 0.
const useIt = `; const limiter = m.createRateLimiter({ limit: 1 });
limiter.acquire("loc").then(() => limiter.acquire("loc", { maxWaitMs: 0 })).catch((error) =>
  console.log(JSON.stringify({ names, second: error.name, isTyped: error instanceof m.RateLimitWaitTimeoutError })));`;
const works = { second: "RateLimitWaitTimeoutError", isTyped: true };

describe("the built package", () => {
  it("loads through require() with the same exports as the sources, and works", async () => {
    const output = await evaluate([
      "-e",
      `const m = require("@ghl-inbound/limiter"); const names = Object.keys(m).sort()${useIt}`,
    ]);
    expect(JSON.parse(output)).toEqual({ names: Object.keys(source).sort(), ...works });
  });

  it("loads through import() with the same exports as the sources, and works", async () => {
    const output = await evaluate([
      "--input-type=module",
      "-e",
      `const m = await import("@ghl-inbound/limiter"); const names = Object.keys(m).sort()${useIt}`,
    ]);
    expect(JSON.parse(output)).toEqual({ names: Object.keys(source).sort(), ...works });
  });

  it.each([
    ["require()", "commonjs", 'const m = require("@ghl-inbound/limiter/rules");'],
    ["import()", "module", 'const m = await import("@ghl-inbound/limiter/rules");'],
  ])("loads its rules entry through %s with the same exports as the sources", async (_how, type, load) => {
    const output = await evaluate([
      `--input-type=${type}`,
      "-e",
      `${load} console.log(JSON.stringify({ names: Object.keys(m).sort(), wait: m.parseRetryAfterMs("1.5") }));`,
    ]);
    expect(JSON.parse(output)).toEqual({ names: Object.keys(rules).sort(), wait: 1500 });
  });

  it("ships every file its exports map names", () => {
    const entries = [packageJson.exports["."], packageJson.exports["./rules"]];
    const targets = entries.flatMap((entry) =>
      Object.values(entry).flatMap((condition) => Object.values(condition as Record<string, string>)),
    );
    for (const target of [...targets, packageJson.main, packageJson.module, packageJson.types]) {
      expect(existsSync(new URL(target, packageDir)), target).toBe(true);
    }
  });

  it("imports no Node built-in and no dependency, so it bundles anywhere", () => {
    expect(packageJson.dependencies ?? {}).toEqual({});
    for (const file of ["dist/index.js", "dist/index.cjs", "dist/rules.js", "dist/rules.cjs"]) {
      const code = readFileSync(new URL(file, packageDir), "utf8");
      expect(code, file).not.toMatch(/(?:from\s*|require\(|import\()["'](?!\.)/);
    }
  });
});
