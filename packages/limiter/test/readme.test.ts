import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  extractTypeScriptExamples,
  toJavaScript,
  typeCheckReadmeExamples,
} from "@ghl-inbound/test-support/readme-examples";
import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = new URL("..", import.meta.url);
const readme = readFileSync(new URL("README.md", packageDir), "utf8");
const blocks = extractTypeScriptExamples(readme).map((example) => toJavaScript(example.code));

let redis: RedisServer;
const written: URL[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const file of written) rmSync(file, { force: true });
  await redis?.stop();
});

/** Runs a README example as a module inside the package (so it imports the built package by name). */
async function runExample(name: string, code: string): Promise<string> {
  const file = new URL(`.readme-${name}.mjs`, packageDir);
  written.push(file);
  writeFileSync(file, code);
  const { stdout } = await run(process.execPath, [file.pathname], {
    env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${redis.port}` },
    // Loading node and a Redis driver takes a second alone, much longer on a machine that is busy.
    timeout: 25_000,
  });
  return stdout.trim();
}

describe("the README's examples", () => {
  it("all compile under strict, as printed, against the built package", { timeout: 60_000 }, async () => {
    const { checkedBlocks, errors } = await typeCheckReadmeExamples(fileURLToPath(packageDir));
    expect(checkedBlocks).toBe(readme.match(/^```ts/gm)?.length);
    expect(errors).toEqual([]);
  });

  it("first example runs against a real Redis", async () => {
    expect(await runExample("first", blocks[0]!)).toMatch(/^slot after \d+ ms$/);
  });

  it("node-redis adapter runs against a real Redis", async () => {
    const output = await runExample(
      "node-redis",
      `${blocks[1]!}\nconsole.log(JSON.stringify(await store.take("readme", 1, 1000)));\nclient.destroy();\n`,
    );
    expect(JSON.parse(output)).toMatchObject({ allowed: true, retryInMs: 0 });
  });
});
