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
