// Failures that would hit every line, and parts that stop answering: each run must end by itself,
// with a summary, having sent no more than a bounded number of requests (counted at the server).
import { fileURLToPath } from "node:url";
import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CliRun,
  duplicatesOf,
  numberedMessages,
  sendArgs,
  startCli,
  useCountingServers,
  withTempDir,
  writeJsonl,
} from "./helpers.js";

const FAST = ["--rate-limit", "off"];
const startServer = useCountingServers();
const forceGc = fileURLToPath(new URL("./fixtures/force-gc.cjs", import.meta.url));
/** Far beyond what any of these runs needs: a run still going then is a hang. */
const HANG_BOUND_MS = 60_000;

/** Waits for the run to end by itself; kills it past HANG_BOUND_MS, which the test then reports. */
async function endOf(run: CliRun) {
  const killer = setTimeout(() => run.child.kill("SIGKILL"), HANG_BOUND_MS);
  const ended = await run.exited;
  clearTimeout(killer);
  expect(ended.signal, `the run hung:\n${ended.stderr}`).toBeNull();
  return ended;
}

describe("an endpoint that fails every line", () => {
  it("ends a run whose answer's body stalls after the headers, with garbage collection forced", async () => {
    await withTempDir(async (dir) => {
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("stall", 1));
      const server = await startServer({ answer: () => "stall-body" });
      const run = startCli(sendArgs(input, server.url, ...FAST, "--timeout", "1s"), {
        nodeArgs: ["--expose-gc", "--require", forceGc],
      });
      const ended = await endOf(run);
      expect(ended.code, ended.stderr).toBe(1);
      expect(ended.stderr).toContain("RequestTimeoutError");
      expect(server.requestCount).toBe(1);
    });
  }, 90_000);

  it("stops after two lanes' worth of timeouts in a row (HighLevel down), resumable, exit 1", async () => {
    await withTempDir(async (dir) => {
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("down", 100));
      const server = await startServer({ answer: () => "hang" });
      const run = startCli(sendArgs(input, server.url, ...FAST, "--timeout", "500ms", "--concurrency", "2"));
      const ended = await endOf(run);
      expect(ended.code, ended.stderr).toBe(1);
      expect(ended.stderr).toContain("4 requests in a row timed out");
      // Four in a row, and at most the other lane's request in flight.
      expect(server.requestCount).toBeLessThanOrEqual(6);
    });
  }, 90_000);

  it("stops after two lanes' worth of 404s from a wrong route, exit 1", async () => {
    await withTempDir(async (dir) => {
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("route", 300));
      const server = await startServer({ answer: () => ({ status: 404 }) });
      const ended = await endOf(startCli(sendArgs(input, server.url, ...FAST, "--concurrency", "4")));
      expect(ended.code, ended.stderr).toBe(1);
      expect(ended.stderr).toContain("8 requests in a row got 404 Not Found");
      expect(server.requestCount).toBeLessThanOrEqual(8 + 4);
    });
  }, 90_000);

  it("stops after two lanes' worth of connections lost after sending (a reset socket), exit 1", async () => {
    await withTempDir(async (dir) => {
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("reset", 300));
      const server = await startServer({ answer: () => "reset" });
      const ended = await endOf(startCli(sendArgs(input, server.url, ...FAST, "--concurrency", "4")));
      expect(ended.code, ended.stderr).toBe(1);
      expect(ended.stderr).toContain("8 requests in a row lost the connection");
      expect(server.requestCount).toBeLessThanOrEqual(8 + 4);
    });
  }, 90_000);

  it("stops on 5xx in a row but not on 5xx between successes", async () => {
    await withTempDir(async (dir) => {
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("mixed", 40));
      // Every other line fails: never 8 in a row, so the whole file is tried.
      const server = await startServer({
        answer: ({ count }) => (count % 2 === 0 ? { status: 503 } : undefined),
      });
      const ended = await endOf(startCli(sendArgs(input, server.url, ...FAST, "--concurrency", "1")));
      expect(ended.code).toBe(1);
      expect(ended.stderr).not.toContain("in a row");
      expect(server.requestCount).toBe(40);
    });
  }, 90_000);

  it("never resends a daily 429, whatever its Retry-After: one request per lane, exit 3", async () => {
    await withTempDir(async (dir) => {
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("daily", 50));
      const server = await startServer({ daily: { limit: 0, retryAfterSeconds: 1 } });
      const ended = await endOf(startCli(sendArgs(input, server.url, "--concurrency", "4")));
      expect(ended.code, ended.stderr).toBe(3);
      expect(server.requestCount).toBeLessThanOrEqual(4);
      expect(server.added.size).toBe(0);
    });
  }, 90_000);
});

describe("a Redis that stops answering", () => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it("stops the run with its summary once Redis goes silent mid-run (SIGSTOP), exit 1", async () => {
    await withTempDir(async (dir) => {
      redis = await startRedis();
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("silent", 200));
      const server = await startServer({
        answerDelayMs: 10,
        onArrival: (count) => count === 20 && redis?.pause(),
      });
      const args = sendArgs(input, server.url, "--redis-url", `redis://127.0.0.1:${redis.port}`);
      const ended = await endOf(startCli([...args, "--rate-limit", "1000/1s", "--concurrency", "4"]));
      expect(ended.code, ended.stderr).toBe(1);
      expect(ended.stderr).toContain("the shared rate-limit store (Redis) is unavailable");
      expect(ended.stderr).toMatch(/Sent \d+/);
      expect(server.requestCount).toBeLessThan(200);
      expect(duplicatesOf(server.added)).toEqual([]);
    });
  }, 90_000);

  it("gives up connecting to a silent Redis, and sends nothing", async () => {
    await withTempDir(async (dir) => {
      redis = await startRedis();
      redis.pause();
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("mute", 5));
      const server = await startServer();
      const args = sendArgs(input, server.url, "--redis-url", `redis://127.0.0.1:${redis.port}`);
      const ended = await endOf(startCli(args));
      expect(ended.code, ended.stderr).toBe(1);
      expect(ended.stderr).toContain(`cannot connect to Redis at 127.0.0.1:${redis.port}`);
      expect(server.requestCount).toBe(0);
    });
  }, 90_000);

  it("sends nothing after Ctrl-C: a 429 that comes back after the stop is not retried", async () => {
    await withTempDir(async (dir) => {
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("late-429", 4));
      let run: CliRun | undefined;
      // Both lanes' requests are on the wire when Ctrl-C comes; their 429s arrive after it (or, on a
      // slow machine, before it: then the stop finds them waiting out a Retry-After far longer than that).
      const server = await startServer({
        answerDelayMs: 1_000,
        answer: () => ({ status: 429, headers: { "Retry-After": "10" } }),
        onArrival: (count) => {
          if (count === 2) run?.child.kill("SIGINT");
        },
      });
      run = startCli(sendArgs(input, server.url, ...FAST, "--concurrency", "2"));
      const ended = await endOf(run);
      expect(ended.code, ended.stderr).toBe(130);
      expect(server.requestCount).toBe(2);
    });
  }, 90_000);

  it("stops at one Ctrl-C while connecting to a silent Redis, exit 130", async () => {
    await withTempDir(async (dir) => {
      redis = await startRedis();
      redis.pause();
      const input = `${dir}/history.jsonl`;
      await writeJsonl(input, numberedMessages("ctrl-c", 5));
      const server = await startServer();
      const run = startCli(sendArgs(input, server.url, "--redis-url", `redis://127.0.0.1:${redis.port}`));
      await run.waitFor(/5 to send/);
      run.child.kill("SIGINT");
      const ended = await endOf(run);
      expect(ended.code, ended.stderr).toBe(130);
      expect(server.requestCount).toBe(0);
    });
  }, 90_000);
});
