import { join } from "node:path";
import { type CountingServer, startCountingServer } from "@ghl-inbound/test-support/counting-server";
import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duplicatesOf, numberedMessages, sendArgs, startCli, withTempDir, writeJsonl } from "./helpers.js";

let redis: RedisServer;
let server: CountingServer;
beforeAll(async () => {
  redis = await startRedis();
  server = await startCountingServer({ burst: { limit: 10, intervalMs: 1_000 } });
});
afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

describe("two runs sharing one budget through a real redis-server", () => {
  it("never exceed it together, and each adds its own lines exactly once", async () => {
    await withTempDir(async (dir) => {
      const runs = ["east", "west"].map(async (name) => {
        const input = join(dir, `${name}.jsonl`);
        await writeJsonl(input, numberedMessages(name, 25));
        return startCli(
          sendArgs(
            input,
            server.url,
            "--rate-limit",
            "10/1s",
            "--rate-limit-key",
            "location-shared-budget",
            "--redis-url",
            `redis://127.0.0.1:${redis.port}`,
            "--concurrency",
            "8",
          ),
        ).exited;
      });
      const [east, west] = await Promise.all(runs);
      expect(east?.code, east?.stderr).toBe(0);
      expect(west?.code, west?.stderr).toBe(0);
      // Together never more than 10 in any second, counted where HighLevel counts them: at the server.
      expect(server.overLimit).toBe(0);
      expect(server.requestCount).toBe(50);
      expect(duplicatesOf(server.added)).toEqual([]);
    });
  });

  it("stops with a plain message when Redis cannot be reached, sending nothing", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("noredis", 3));
      const before = server.requestCount;
      const run = await startCli(sendArgs(input, server.url, "--redis-url", "redis://:secret@127.0.0.1:1"))
        .exited;
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("cannot connect to Redis at 127.0.0.1:1");
      expect(run.stderr).not.toContain("secret");
      expect(server.requestCount).toBe(before);
    });
  });
});
