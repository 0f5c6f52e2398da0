// The README's first example must run as printed: it is extracted and run in a separate Node process
// against a local server, through the built package.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { SUCCESS, startMisbehavingServer, TOKEN } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

describe("README", () => {
  it("opens with an example of at most about ten lines", () => {
    expect(readme.indexOf("```js")).toBeLessThan(500);
    expect(example.trim().split("\n").length).toBeLessThanOrEqual(12);
  });

  it("has a first example that runs and adds a message", async () => {
    const server = await startMisbehavingServer({ status: 201, json: SUCCESS });
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", example], {
        cwd: packageDir,
        env: { ...process.env, GHL_ACCESS_TOKEN: TOKEN, GHL_BASE_URL: server.url },
        timeout: 20_000,
      });
      expect(stdout.trim()).toBe(`added ${SUCCESS.messageId}`);
      expect(server.requests).toHaveLength(1);
      expect(JSON.parse(server.requests[0]?.body ?? "")).toMatchObject({ type: "SMS", message: "Hi" });
    } finally {
      await server.close();
    }
  });
});
