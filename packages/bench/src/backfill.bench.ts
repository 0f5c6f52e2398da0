// `ghl-inbound send` (packages/cli) as a user runs it, in its own process, against a local stand-in for
// HighLevel (@ghl-inbound/test-support's counting server, in this process):
// - budget use: a backfill against a server that enforces 100 requests per 10 s (sliding window), with the
//   limiter's memory store and with a real redis-server; first-to-last request time against the ideal
//   (the budget spent back to back), and requests over the limit at the server;
// - memory: peak RSS of the command for 10x more lines, with a fast server and no rate limit.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DEFAULT_CONCURRENCY } from "@ghl-inbound/cli";
import { HIGHLEVEL_BURST_INTERVAL_MS, HIGHLEVEL_BURST_LIMIT } from "@ghl-inbound/limiter";
import { type CountingServer, startCountingServer } from "@ghl-inbound/test-support/counting-server";
import { startRedis } from "@ghl-inbound/test-support/redis-server";
import { MESSAGE_BODY } from "./fixtures.js";
import { type BenchMode, type BenchResult, type ResultRow, rowOf } from "./report.js";

interface BackfillSettings {
  /** Lines of the budget runs, and the budget the server enforces (and the command is given). */
  budgetLines: number;
  limit: number;
  intervalMs: number;
  /** Lines of the two memory runs: the second is 10x the first. */
  memoryLines: [number, number];
}

const SETTINGS: Record<BenchMode, BackfillSettings> = {
  full: {
    budgetLines: 300,
    limit: HIGHLEVEL_BURST_LIMIT,
    intervalMs: HIGHLEVEL_BURST_INTERVAL_MS,
    memoryLines: [10_000, 100_000],
  },
  smoke: { budgetLines: 30, limit: 10, intervalMs: 1_000, memoryLines: [200, 2_000] },
};

const BUDGET_USE_TARGET = 0.98;
const RSS_GROWTH_TARGET = 1.25;
/** In flight for the budget runs: the command's default. */
const CONCURRENCY = DEFAULT_CONCURRENCY;
/** In flight for the memory runs: more requests (and journal records) at once, the heaviest case for memory. */
const MEMORY_RUN_CONCURRENCY = 32;
const TOKEN = "bench-token-0123456789abcdef";

const require = createRequire(import.meta.url);
const CLI_BIN = join(dirname(require.resolve("@ghl-inbound/cli/package.json")), "bin", "ghl-inbound.js");

/** Loaded with --import into the command's process: writes its peak RSS (kB) when it exits. */
const PEAK_RSS_SCRIPT = `import { writeFileSync } from "node:fs";
process.on("exit", () => writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS)));
`;

/** Writes `lines` messages, altIds `<prefix>1`, `<prefix>2`, ..., one JSON object a line. */
export async function writeInput(path: string, lines: number, altIdPrefix = "bench-"): Promise<void> {
  const stream = createWriteStream(path);
  for (let index = 1; index <= lines; index++) {
    if (!stream.write(`${JSON.stringify({ ...MESSAGE_BODY, altId: `${altIdPrefix}${index}` })}\n`))
      await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
}

/** `ghl-inbound send` of `input` against a local server, inside `limit` per `intervalMs` counted against `key`. */
export function sendArgs(run: {
  input: string;
  baseUrl: string;
  limit: number;
  intervalMs: number;
  key: string;
  concurrency: number;
  redisUrl: string | undefined;
}): string[] {
  return [
    "send",
    run.input,
    "--base-url",
    run.baseUrl,
    "--rate-limit",
    `${run.limit}/${run.intervalMs}ms`,
    "--rate-limit-key",
    run.key,
    "--concurrency",
    String(run.concurrency),
    ...(run.redisUrl === undefined ? [] : ["--redis-url", run.redisUrl]),
  ];
}

/** Runs the command to its end; rejects unless it exits 0 (every line added). */
export function runCommand(
  args: string[],
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, CLI_BIN, ...args], {
      env: { ...process.env, GHL_ACCESS_TOKEN: TOKEN, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2_000);
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`ghl-inbound send exited with ${code}: ${stderr}`)),
    );
  });
}

interface BudgetRun {
  firstToLastMs: number;
  /** When each window's first request arrived, from the first request; and how long each window's burst took. */
  windowStartsMs: number[];
  burstsMs: number[];
  idealMs: number;
  overLimit: number;
  requests: number;
  addedTwice: number;
}

async function runBudget(dir: string, settings: BackfillSettings, redisUrl?: string): Promise<BudgetRun> {
  const { budgetLines, limit, intervalMs } = settings;
  const input = join(dir, `budget-${redisUrl ? "redis" : "memory"}.jsonl`);
  await writeInput(input, budgetLines);
  const server = await startCountingServer({ burst: { limit, intervalMs } });
  try {
    await runCommand(
      sendArgs({
        input,
        baseUrl: server.url,
        limit,
        intervalMs,
        key: "bench-location",
        concurrency: CONCURRENCY,
        redisUrl,
      }),
    );
    const times = server.arrivals.map((arrival) => arrival.atMs).sort((a, b) => a - b);
    const firstOfWindows = times.filter((_, index) => index % limit === 0);
    return {
      firstToLastMs: times.at(-1)! - times[0]!,
      windowStartsMs: firstOfWindows.map((time) => time - times[0]!),
      burstsMs: firstOfWindows.map(
        (time, window) => times[Math.min(times.length, (window + 1) * limit) - 1]! - time,
      ),
      // The budget spent back to back: `limit` at once, then `limit` more each interval.
      idealMs: Math.floor((budgetLines - 1) / limit) * intervalMs,
      overLimit: server.overLimit,
      requests: server.requestCount,
      addedTwice: [...server.added.values()].filter((count) => count > 1).length,
    };
  } finally {
    await server.close();
  }
}

async function peakRssKb(
  dir: string,
  server: CountingServer,
  lines: number,
): Promise<{ peakKb: number; elapsedMs: number }> {
  const input = join(dir, `memory-${lines}.jsonl`);
  const rssFile = join(dir, `rss-${lines}`);
  const preload = join(dir, "peak-rss.mjs");
  await writeFile(preload, PEAK_RSS_SCRIPT);
  await writeInput(input, lines);
  const startedAt = performance.now();
  await runCommand(
    [
      "send",
      input,
      "--base-url",
      server.url,
      "--rate-limit",
      "off",
      "--concurrency",
      String(MEMORY_RUN_CONCURRENCY),
    ],
    ["--import", preload],
    { BENCH_PEAK_RSS_FILE: rssFile },
  );
  const elapsedMs = performance.now() - startedAt;
  await rm(input);
  return { peakKb: Number(await readFile(rssFile, "utf8")), elapsedMs };
}

function budgetRow(store: string, settings: BackfillSettings, run: BudgetRun): ResultRow {
  const budgetUse = run.idealMs / run.firstToLastMs;
  return rowOf({
    benchmark: "backfill",
    measure: `${settings.budgetLines} lines at ${settings.limit} per ${settings.intervalMs / 1000} s, ${store}: first to last request (budget used ${(budgetUse * 100).toFixed(1)} %, ${run.overLimit} over the limit)`,
    unit: "ms",
    ours: { label: "ghl-inbound send", value: run.firstToLastMs },
    baseline: { label: "the budget back to back", value: run.idealMs },
    target: {
      text: `>= ${BUDGET_USE_TARGET * 100} % of the budget (<= ${(1 / BUDGET_USE_TARGET).toFixed(3)}x), 0 over the limit`,
      isMet: budgetUse >= BUDGET_USE_TARGET && run.overLimit === 0 && run.addedTwice === 0,
    },
  });
}

export async function runBackfill(mode: BenchMode): Promise<BenchResult> {
  const settings = SETTINGS[mode];
  const dir = await mkdtemp(join(tmpdir(), "ghl-bench-backfill-"));
  const redis = await startRedis();
  const fastServer = await startCountingServer({ isCountOnly: true });
  try {
    const memoryStore = await runBudget(dir, settings);
    const redisStore = await runBudget(dir, settings, `redis://127.0.0.1:${redis.port}`);
    const [smallLines, largeLines] = settings.memoryLines;
    const small = await peakRssKb(dir, fastServer, smallLines);
    const large = await peakRssKb(dir, fastServer, largeLines);
    const rows = [
      budgetRow("memory store", settings, memoryStore),
      budgetRow("Redis store", settings, redisStore),
      rowOf({
        benchmark: "backfill",
        measure: `peak RSS of the command, ${largeLines.toLocaleString("en-US")} lines vs ${smallLines.toLocaleString("en-US")} (fast local server, no rate limit)`,
        unit: "kB",
        ours: { label: `${largeLines.toLocaleString("en-US")} lines`, value: large.peakKb },
        baseline: { label: `${smallLines.toLocaleString("en-US")} lines`, value: small.peakKb },
        target: {
          text: `<= ${RSS_GROWTH_TARGET}x (flat)`,
          isMet: large.peakKb / small.peakKb <= RSS_GROWTH_TARGET,
        },
      }),
      rowOf({
        benchmark: "backfill",
        measure: `throughput, ${largeLines.toLocaleString("en-US")} lines (fast local server, no rate limit, ${MEMORY_RUN_CONCURRENCY} in flight, journal fsynced)`,
        unit: "req/s",
        ours: { label: "ghl-inbound send", value: largeLines / (large.elapsedMs / 1000) },
      }),
    ];
    const requestsSeen = fastServer.requestCount;
    return {
      rows,
      details: {
        settings,
        concurrency: CONCURRENCY,
        memoryStore,
        redisStore,
        small,
        large,
        fastServerRequests: requestsSeen,
      },
      notes: [
        `Backfill: \`ghl-inbound send\` (the built bin, its own process) with --concurrency ${CONCURRENCY} against a local node:http server that enforces ${settings.limit} requests per ${settings.intervalMs / 1000} s over a sliding window and counts every request by altId; given the same --rate-limit, once with the limiter's memory store and once with --redis-url (a real redis-server). The ideal is the budget spent back to back (${settings.limit} at once, ${settings.limit} more each interval). Where the rest goes: each window opens an interval and the limiter's margin after the window's first slot (250 ms for the first window, then the spread of slot-to-answer delays it learned; X-RateLimit-Remaining: 0 blocks the key until the same moment), and the last window's burst takes time to go out; windows opened at ${memoryStore.windowStartsMs.map((ms) => Math.round(ms)).join(", ")} ms and their bursts took ${memoryStore.burstsMs.map((ms) => Math.round(ms)).join(", ")} ms (memory store), a machine under load stretches them. Every line was added exactly once (${memoryStore.addedTwice + redisStore.addedTwice} twice). Peak RSS: \`process.resourceUsage().maxRSS\` of the command's process at exit (--concurrency ${MEMORY_RUN_CONCURRENCY}, a fresh journal, the input streamed twice: check, then send); the throughput row is that run's lines per second, for scale only (HighLevel allows 10 per second).`,
      ],
    };
  } finally {
    await fastServer.close();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
