import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { keyForToken } from "@ghl-inbound/limiter";
import {
  type Answer,
  type CountingServer,
  maxCountInAnyWindow,
  startCountingServer,
} from "@ghl-inbound/test-support/counting-server";
import { runJsonProcess } from "@ghl-inbound/test-support/json-process";
import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { openStartLine, type StartLine } from "@ghl-inbound/test-support/start-line";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TOKEN } from "./helpers.js";

const senderPath = fileURLToPath(new URL("./fixtures/sender.mjs", import.meta.url));

interface SenderConfig {
  worker: string;
  format: "cjs" | "esm";
  baseUrl: string;
  token: string;
  redisPort: number;
  prefix: string;
  altIds: string[];
  /** Where the replicas of one run wait for each other before their first message; none for a lone one. */
  startLineUrl?: string;
  concurrency?: number;
  client?: { maxRetries?: number };
  rateLimit: {
    key?: string;
    limit?: number;
    intervalMs?: number;
    maxWaitMs?: number;
    onStoreError?: "throw" | "memory";
    fallbackLimit?: number;
  };
}

interface SenderSummary {
  worker: string;
  results: {
    altId: string;
    ok: boolean;
    messageId?: string;
    error?: string;
    isTyped?: boolean;
    mayHaveBeenAdded?: boolean;
    retryInMs?: number;
  }[];
  limiterKeys: string[];
  waitedMs: number[];
  hookPayloads: string;
  fallbacks: string[];
}

/** Runs one replica as a separate Node process and returns what it reports. */
function runSender(config: SenderConfig): Promise<SenderSummary> {
  return runJsonProcess<SenderSummary>(senderPath, config, {
    label: `sender ${config.worker}`,
    timeoutMs: PROCESS_TIMEOUT_MS,
  });
}

// On two busy cores a process can take seconds to start, and the learned margin widens with the
// machine's jitter: bounds for a run that must end, not speed claims.
const PROCESS_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 90_000;

// Small numbers so the suite stays short; the same code runs with 100 per 10 s. The limiter's margin is
// the learned one (the default): these processes share 2 cores with the rest of the test run, and the
// one window count below is the end-to-end proof that it learns enough there. How much of the budget
// it uses is for `pnpm bench` (packages/bench, "rate budget"); the rules themselves are tested on fake
// clocks in @ghl-inbound/limiter.
const limit = 10;
const intervalMs = 1_000;

let redis: RedisServer;
let server: CountingServer | undefined;
let startLine: StartLine | undefined;
let testNumber = 0;

beforeAll(() => {
  if (!existsSync(new URL("../dist/index.cjs", import.meta.url))) {
    throw new Error("packages/client/dist is missing: run `pnpm build` first (turbo's test task does)");
  }
});
// A fresh redis-server per test: some kill it.
beforeEach(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await startLine?.close();
  startLine = undefined;
  await server?.close();
  server = undefined;
  await redis.stop();
});

/**
 * `count` replicas with `perWorker` messages each; replica 0 loads the CommonJS build, the others the ES
 * module. Several wait for each other at a start line, so that they contend from the first message.
 */
async function senders(
  count: number,
  perWorker: number,
  shared: Pick<SenderConfig, "rateLimit"> & Partial<SenderConfig>,
): Promise<SenderConfig[]> {
  testNumber++;
  if (count > 1) startLine = await openStartLine(count);
  return Array.from({ length: count }, (_, index) => ({
    worker: `w${index}`,
    format: index === 0 ? "cjs" : "esm",
    baseUrl: server!.url,
    token: TOKEN,
    redisPort: redis.port,
    prefix: `test-${testNumber}:`,
    altIds: Array.from({ length: perWorker }, (_, n) => `t${testNumber}-w${index}-${n}`),
    ...(startLine && { startLineUrl: startLine.url }),
    ...shared,
  }));
}

function arrivalTimes(): number[] {
  return server!.arrivals.map((arrival) => arrival.atMs);
}

describe("replicas in separate processes sharing one Redis", { timeout: TEST_TIMEOUT_MS }, () => {
  it("never exceed the limit in any window at the server, and every message arrives exactly once", async () => {
    server = await startCountingServer();
    // Three windows' worth: enough for the replicas to contend at each window's start.
    const configs = await senders(3, 10, { rateLimit: { limit, intervalMs } });
    const summaries = await Promise.all(configs.map(runSender));

    const results = summaries.flatMap((summary) => summary.results);
    expect(results).toHaveLength(30);
    for (const result of results) {
      expect(result, result.altId).toMatchObject({ ok: true, messageId: `msg-${result.altId}` });
      expect(server.countsFor(result.altId).arrived, result.altId).toBe(1);
    }
    expect(server.arrivals).toHaveLength(30);
    expect(maxCountInAnyWindow(arrivalTimes(), intervalMs)).toBeLessThanOrEqual(limit);
    // No key given: every replica counted against the same hash of the shared token, never the token.
    const key = await keyForToken(TOKEN);
    for (const summary of summaries) {
      expect(summary.limiterKeys).toEqual([key]);
      expect(summary.hookPayloads).not.toContain(TOKEN);
    }
  });

  it("share a 429: the one that got it blocks the key in Redis, and another is refused a slot, sending nothing", async () => {
    // An hour: however slowly the next process starts, the block is still on when it asks. Waiting a
    // block out is the limiter's to test (its Redis store on a real server, its rules on fake clocks).
    const retryAfterSeconds = 3_600;
    server = await startCountingServer({
      answer: ({ seenBefore }): Answer =>
        seenBefore === 0 && server!.arrivals.length === 0
          ? { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } }
          : { status: 200 },
    });
    const rateLimit = { key: "location-429", limit, intervalMs };
    const [first] = await senders(1, 1, { rateLimit, client: { maxRetries: 0 } });
    const hit = await runSender(first!);
    expect(hit.results[0]).toMatchObject({ ok: false, error: "RateLimitError", mayHaveBeenAdded: false });

    // Another replica, of the other build, that will not wait: refused at once, nothing sent.
    const [impatient] = await senders(1, 1, { rateLimit: { ...rateLimit, maxWaitMs: 0 } });
    const refused = await runSender({ ...impatient!, format: "esm", prefix: first!.prefix });
    expect(refused.results[0]).toMatchObject({
      ok: false,
      error: "RateLimitWaitError",
      isTyped: true,
      mayHaveBeenAdded: false,
    });
    // The block, not a full window's wait (1 s): anything short of 10 minutes spent starting a process.
    expect(refused.results[0]?.retryInMs).toBeGreaterThan((retryAfterSeconds - 600) * 1_000);
    expect(server.arrivals).toHaveLength(1);
  });
});

// What these prove is the accounting (nothing un-acquired sent, every fallback once); the fallback's
// pace is the limiter's to test, on fake timers.
describe("Redis killed mid-run", { timeout: TEST_TIMEOUT_MS }, () => {
  const killAfterArrivals = 12;
  const perWorker = 15;

  it('with onStoreError "throw": the rest fail with RateLimitStoreUnavailableError, unsent, and every message is accounted for', async () => {
    server = await startCountingServer({
      onArrival: (count) => {
        if (count === killAfterArrivals) void redis.kill();
      },
    });
    const configs = await senders(2, perWorker, {
      rateLimit: { limit, intervalMs, onStoreError: "throw" },
      concurrency: 2,
    });
    const summaries = await Promise.all(configs.map(runSender));

    for (const summary of summaries) {
      expect(summary.results).toHaveLength(perWorker);
      expect(summary.results.some((result) => !result.ok)).toBe(true);
      for (const result of summary.results) {
        const { arrived } = server.countsFor(result.altId);
        if (result.ok) {
          expect(arrived, result.altId).toBe(1);
        } else {
          expect(result, result.altId).toMatchObject({
            error: "RateLimitStoreUnavailableError",
            isTyped: true,
            mayHaveBeenAdded: false,
          });
          expect(arrived, `${result.altId} was reported unsent`).toBe(0);
        }
      }
    }
    expect(server.arrivals.length).toBeGreaterThanOrEqual(killAfterArrivals);
    expect(server.arrivals.length).toBeLessThan(2 * perWorker);
  });

  it('with onStoreError "memory": each replica falls back once and sends everything once, inside the limit', async () => {
    server = await startCountingServer({
      onArrival: (count) => {
        if (count === killAfterArrivals) void redis.kill();
      },
    });
    const replicas = 2;
    const configs = await senders(replicas, perWorker, {
      rateLimit: {
        limit,
        intervalMs,
        onStoreError: "memory",
        fallbackLimit: Math.floor(limit / replicas),
      },
      concurrency: 2,
    });
    const summaries = await Promise.all(configs.map(runSender));

    for (const summary of summaries) {
      expect(summary.fallbacks).toEqual(["RateLimitStoreError"]);
      expect(summary.results.every((result) => result.ok)).toBe(true);
    }
    expect(server.arrivals).toHaveLength(replicas * perWorker);
    expect(new Set(server.arrivals.map((arrival) => arrival.id)).size).toBe(replicas * perWorker);
  });
});
