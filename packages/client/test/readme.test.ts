// The README's examples as a reader copies them: each type-checks as TypeScript under `strict` against
// the built package, and each is run, in a separate Node process, against a local server (and a real
// redis-server where it needs one). The limiter's README is checked by its own readme.test.ts.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startCountingServer } from "@ghl-inbound/test-support/counting-server";
import { runNodeForOutput } from "@ghl-inbound/test-support/json-process";
import {
  extractTypeScriptExamples,
  toJavaScript,
  typeCheckReadmeExamples,
} from "@ghl-inbound/test-support/readme-examples";
import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUCCESS, startMisbehavingServer, TOKEN } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = extractTypeScriptExamples(readme).map((example) => example.code);
const example = blocks[0] ?? "";

/** The one block that contains `marker`: examples are found by what they show, not by position. */
function blockWith(marker: string): string {
  const found = blocks.filter((block) => block.includes(marker));
  expect(found, `README blocks containing ${marker}`).toHaveLength(1);
  return found[0]!;
}

async function runExample(code: string, env: Record<string, string>): Promise<string> {
  return runNodeForOutput(["--input-type=module", "-e", toJavaScript(code)], {
    label: "README example",
    cwd: packageDir,
    env: { GHL_ACCESS_TOKEN: TOKEN, ...env },
    timeoutMs: 20_000,
  });
}

let redis: RedisServer | undefined;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe("the README's examples, as TypeScript", () => {
  it("all compile under strict, as printed, against the built package", { timeout: 60_000 }, async () => {
    const { checkedBlocks, errors } = await typeCheckReadmeExamples(packageDir);
    // Every block is a complete example (none is a fragment left unchecked).
    expect(checkedBlocks).toBe(readme.match(/^```ts/gm)?.length);
    expect(checkedBlocks).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
  });
});

describe("README", () => {
  it("opens with an example of at most about ten lines", () => {
    expect(readme.split("\n").slice(0, 25).join("\n")).toContain("# @ghl-inbound/client");
    expect(readme.indexOf("```ts")).toBeLessThan(500);
    expect(example.trim().split("\n").length).toBeLessThanOrEqual(12);
  });

  it("has a first example that runs and adds a message", async () => {
    const server = await startMisbehavingServer({ status: 201, json: SUCCESS });
    try {
      expect(await runExample(example, { GHL_BASE_URL: server.url })).toBe(`added ${SUCCESS.messageId}`);
      expect(server.requests).toHaveLength(1);
      expect(JSON.parse(server.requests[0]?.body ?? "")).toMatchObject({ type: "SMS", message: "Hi" });
    } finally {
      await server.close();
    }
  });

  it("has a rate-limited example, counted in memory, that runs", async () => {
    const server = await startMisbehavingServer({ status: 200, json: SUCCESS });
    try {
      const code = blockWith("rateLimit: { key: process.env.GHL_LOCATION_ID }");
      expect(
        await runExample(code, { GHL_BASE_URL: server.url, GHL_LOCATION_ID: "ve9EPM428h8vShlRW1KT" }),
      ).toBe("added 3");
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it("has a Redis example that runs against a real redis-server", async () => {
    const server = await startMisbehavingServer({ status: 200, json: SUCCESS });
    try {
      const output = await runExample(blockWith("createRedisStore(redis)"), {
        GHL_BASE_URL: server.url,
        GHL_LOCATION_ID: "ve9EPM428h8vShlRW1KT",
        REDIS_URL: `redis://127.0.0.1:${redis!.port}`,
      });
      expect(output).toBe(`added ${SUCCESS.messageId}`);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("has a bulk example that runs, reports progress and a result per message", async () => {
    const server = await startCountingServer();
    try {
      const output = await runExample(blockWith("sendInboundMessages(client, messages"), {
        GHL_BASE_URL: server.url,
      });
      const lines = output.split("\n");
      expect(lines.slice(0, 3)).toEqual(["1/3", "2/3", "3/3"]);
      expect(lines.slice(3)).toEqual(
        ["ext-1", "ext-2", "ext-3"].map((altId) => `added ${altId} msg-${altId}`),
      );
      expect(server.arrivals.map((arrival) => arrival.id).sort()).toEqual(["ext-1", "ext-2", "ext-3"]);
    } finally {
      await server.close();
    }
  });
});
