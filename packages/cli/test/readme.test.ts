// The README's walk-through and code example must run as printed, against a counting server.
import { execFile } from "node:child_process";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CLI_PATH, TOKEN, useCountingServers, withTempDir } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const readme = await readFile(join(packageDir, "README.md"), "utf8");
const walkThrough = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
const codeExample = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
const startServer = useCountingServers();

describe("README", () => {
  it("opens with a walk-through of about ten lines", () => {
    expect(walkThrough.trim().split("\n").length).toBeLessThanOrEqual(10);
  });

  it("has a walk-through whose commands run as printed", async () => {
    await withTempDir(async (dir) => {
      const lines = /<<'LINES'\n([\s\S]*?)\nLINES/.exec(walkThrough)?.[1] ?? "";
      await writeFile(join(dir, "history.jsonl"), `${lines}\n`);
      const server = await startServer();
      const commands = walkThrough
        .split("\n")
        .filter((line) => line.startsWith("ghl-inbound send"))
        .map((line) =>
          line
            .replace(/\s+#.*$/, "")
            .replaceAll('"$LOCATION_ID"', "ve9EPM428h8vShlRW1KT")
            .split(/\s+/)
            .slice(1),
        );
      expect(commands).toHaveLength(3);
      const env = { ...process.env, GHL_ACCESS_TOKEN: TOKEN, GHL_BASE_URL: server.url };
      for (const args of commands)
        await promisify(execFile)(process.execPath, [CLI_PATH, ...args], { cwd: dir, env });
      expect([...server.added.keys()].sort()).toEqual(["crm-1", "crm-2"]);
      expect(server.requestCount).toBe(2);
      expect((await readFile(join(dir, "results.jsonl"), "utf8")).trim().split("\n")).toHaveLength(2);
    });
  });

  it("has a code example that runs", async () => {
    await withTempDir(async (dir) => {
      // The example imports the package by name, from a project of its own.
      await mkdir(join(dir, "node_modules", "@ghl-inbound"), { recursive: true });
      await symlink(packageDir, join(dir, "node_modules", "@ghl-inbound", "cli"));
      await writeFile(join(dir, "example.mjs"), codeExample);
      await writeFile(
        join(dir, "history.jsonl"),
        '{"type":"SMS","contactId":"c1","conversationProviderId":"p1","altId":"js-1"}\n',
      );
      const server = await startServer();
      const { stdout } = await promisify(execFile)(process.execPath, ["example.mjs"], {
        cwd: dir,
        env: { ...process.env, GHL_ACCESS_TOKEN: TOKEN, GHL_BASE_URL: server.url },
      });
      expect(stdout).toMatch(/^0 \{[\s\S]*added: 1/);
      expect([...server.added.keys()]).toEqual(["js-1"]);
    });
  });
});

describe("the bin in a fresh clone, before `pnpm build`", () => {
  it("says to run pnpm build at the repository root, and exits 1", async () => {
    await withTempDir(async (dir) => {
      // The bin as a fresh clone has it: bin/ghl-inbound.js with no dist/ beside it.
      await mkdir(join(dir, "bin"));
      await writeFile(join(dir, "bin", "ghl-inbound.js"), await readFile(CLI_PATH, "utf8"));
      await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
      const run = await promisify(execFile)(process.execPath, [
        join(dir, "bin", "ghl-inbound.js"),
        "--help",
      ]).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("run `pnpm build` at the repository root");
      expect(run.stderr).toContain("pnpm exec ghl-inbound --help");
    });
  });

  it("is what the README's walk-through tells a user of this repository to run", () => {
    expect(walkThrough).toContain("in this repo: pnpm build, then pnpm exec ghl-inbound");
  });
});
