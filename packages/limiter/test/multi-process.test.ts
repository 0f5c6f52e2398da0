import {
  type CountingServer,
  maxCountInAnyWindow,
  startCountingServer,
} from "@ghl-inbound/test-support/counting-server";
import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runWorker, type WorkerConfig, type WorkerSummary } from "./helpers/workers.js";

// Small numbers so the suite stays short; the same code runs with 100 per 10 s. One window count, the
// first test, is the end-to-end proof on a real clock; how much of the budget is used is measured by
// `pnpm bench` (packages/bench, "rate budget"), and the rules (margin, fallback) are tested on fake
// clocks in limiter.test.ts, learned-margin.test.ts and latency-skew.test.ts.
const limit = 10;
const intervalMs = 1_000;
const key = "location-multi-process";

let redis: RedisServer;
let server: CountingServer | undefined;
let testNumber = 0;

// A fresh redis-server per test: two of them kill it.
beforeEach(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await redis.stop();
});

function workerConfigs(
  count: number,
  shared: Omit<WorkerConfig, "worker" | "format" | "startAt" | "serverUrl" | "redisPort" | "prefix">,
): WorkerConfig[] {
  testNumber++;
  // Workers take about 0.3 s to load; starting them together makes them contend from the first request.
  const startAt = Date.now() + 1_000;
  return Array.from({ length: count }, (_, index) => ({
    ...shared,
    worker: `w${index}`,
    // One replica loads the CommonJS build, the others the ES module build: both must share the budget.
    format: index === 0 ? "cjs" : "esm",
    startAt,
    serverUrl: server!.url,
    redisPort: redis.port,
    prefix: `test-${testNumber}:`,
  }));
}

function sentIds(summaries: WorkerSummary[]): string[] {
  return summaries.flatMap((summary) =>
    summary.outcomes.filter((row) => row.outcome === "sent").map((row) => row.id),
  );
}

function expectEveryArrivalOnceAndOnlyTheSentOnes(summaries: WorkerSummary[]): void {
  const arrived = server!.arrivals.map((arrival) => arrival.id);
  expect(new Set(arrived).size).toBe(arrived.length);
  expect([...arrived].sort()).toEqual(sentIds(summaries).sort());
}

describe("separate processes sharing one Redis store", () => {
  it("never exceed the limit in any window at the server, and every request arrives", async () => {
    server = await startCountingServer();
    const configs = workerConfigs(3, { store: "redis", key, limit, intervalMs, requests: 20 });
    const summaries = await Promise.all(configs.map(runWorker));

    for (const summary of summaries) {
      expect(summary.otherErrors).toEqual([]);
      expect(summary.outcomes.map((row) => row.outcome)).toEqual(Array(20).fill("sent"));
    }
    expect(server.arrivals).toHaveLength(60);
    expectEveryArrivalOnceAndOnlyTheSentOnes(summaries);
    const times = server.arrivals.map((arrival) => arrival.atMs);
    expect(maxCountInAnyWindow(times, intervalMs)).toBeLessThanOrEqual(limit);
  });

  it("exceed the limit together when each keeps its own memory store (the failure the shared store prevents)", async () => {
    server = await startCountingServer();
    const configs = workerConfigs(3, { store: "memory", key, limit, intervalMs, requests: 10 });
    const summaries = await Promise.all(configs.map(runWorker));

    expect(sentIds(summaries)).toHaveLength(30);
    const times = server.arrivals.map((arrival) => arrival.atMs);
    expect(maxCountInAnyWindow(times, intervalMs)).toBeGreaterThan(limit);
  });
});

// What these prove is the accounting (nothing un-acquired sent, every fallback once); the fallback's
// pace is limiter.test.ts's, on fake timers.
describe("Redis killed mid-run", () => {
  const killAfterArrivals = 12;
  const requests = 15;

  it('with onStoreError "throw": every later acquire throws RateLimitStoreError and nothing un-acquired is sent', async () => {
    server = await startCountingServer({
      onArrival: (count) => {
        if (count === killAfterArrivals) void redis.kill();
      },
    });
    const configs = workerConfigs(3, {
      store: "redis",
      key,
      limit,
      intervalMs,
      requests,
      onStoreError: "throw",
    });
    const summaries = await Promise.all(configs.map(runWorker));

    for (const summary of summaries) {
      expect(summary.otherErrors).toEqual([]);
      expect(summary.outcomes).toHaveLength(requests);
      // Redis never comes back: once a worker saw the error, it sent nothing more.
      const outcomes = summary.outcomes.map((row) => row.outcome);
      const firstError = outcomes.indexOf("store-error");
      expect(firstError).toBeGreaterThanOrEqual(0);
      expect(outcomes.slice(firstError)).not.toContain("sent");
    }
    expect(server.arrivals.length).toBeGreaterThanOrEqual(killAfterArrivals);
    expect(server.arrivals.length).toBeLessThan(3 * requests);
    expectEveryArrivalOnceAndOnlyTheSentOnes(summaries);
  });

  it('with onStoreError "memory": every worker falls back once, sends everything, and the combined rate stays inside the limit', async () => {
    server = await startCountingServer({
      onArrival: (count) => {
        if (count === killAfterArrivals) void redis.kill();
      },
    });
    const fallbackLimit = Math.floor(limit / 3);
    const configs = workerConfigs(3, {
      store: "redis",
      key,
      limit,
      intervalMs,
      requests,
      onStoreError: "memory",
      fallbackLimit,
    });
    const summaries = await Promise.all(configs.map(runWorker));

    for (const summary of summaries) {
      expect(summary.otherErrors).toEqual([]);
      expect(summary.fallbacks).toBe(1);
      expect(summary.outcomes.map((row) => row.outcome)).toEqual(Array(requests).fill("sent"));
    }
    expectEveryArrivalOnceAndOnlyTheSentOnes(summaries);
    expect(server.arrivals).toHaveLength(3 * requests);
  });
});
