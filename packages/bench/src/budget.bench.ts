// How much of HighLevel's burst budget the rate limiter uses, and whether it ever goes over, for each
// setup of issue 20: the client's sendInboundMessages in one process (memory store) or three (sharing
// a real redis-server), and `ghl-inbound send` runs, against @ghl-inbound/test-support's counting server
// (a stand-in for HighLevel that counts arrivals over a sliding window and answers past the limit with
// 429), answering at once or after 150 ms; and the same with two CPU-bound processes beside them.
//
// Budget used = the ideal, (ceil(N / limit) - 1) intervals (the first `limit` at once, `limit` more at
// each interval), over the measured time from the first arrival to the last arrival that was added.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HIGHLEVEL_BURST_INTERVAL_MS, HIGHLEVEL_BURST_LIMIT } from "@ghl-inbound/limiter";
import {
  type CountingServer,
  maxCountInAnyWindow,
  startCountingServer,
} from "@ghl-inbound/test-support/counting-server";
import { runJsonProcess } from "@ghl-inbound/test-support/json-process";
import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { runCommand, sendArgs, writeInput } from "./backfill.bench.js";
import { type BenchMode, type BenchResult, type ResultRow, rowOf } from "./report.js";

const SENDER = fileURLToPath(new URL("../fixtures/budget-sender.mjs", import.meta.url));

interface Setup {
  /** How the row names it. */
  name: string;
  sender: "sendInboundMessages" | "ghl-inbound send";
  processes: number;
  store: "memory" | "redis";
  limit: number;
  intervalMs: number;
  answerDelayMs: number;
  /** Messages across all processes. */
  messages: number;
  /** Two CPU-bound processes run beside the senders. */
  isBusy?: boolean;
  /** Budget used to aim for; undefined: only 0 over the limit is asked for. */
  target?: number;
}

/**
 * 100 per 10 s over three windows (two intervals, 20 s a setup); 10 per 1 s over ten (nine intervals):
 * enough windows that the first one, counted with the starting margin, weighs as it would in a backfill.
 */
const highLevel = {
  limit: HIGHLEVEL_BURST_LIMIT,
  intervalMs: HIGHLEVEL_BURST_INTERVAL_MS,
  messages: 250,
  target: 0.98,
};
const short = { limit: 10, intervalMs: 1_000, messages: 100, target: 0.93 };
/** The two-run case: 20 per 2 s, five windows. */
const twoRuns = { ...short, limit: 20, intervalMs: 2_000 };

/** Smoke mode: each sender on Redis, briefly. */
const smokeRedis = {
  store: "redis",
  answerDelayMs: 0,
  limit: 5,
  intervalMs: 500,
  messages: 12,
  target: 0.93,
} as const;

const SETUPS: Record<BenchMode, Setup[]> = {
  full: [
    ...[0, 150].flatMap((answerDelayMs): Setup[] => [
      {
        name: "1 process, memory",
        sender: "sendInboundMessages",
        processes: 1,
        store: "memory",
        answerDelayMs,
        ...highLevel,
      },
      {
        name: "3 processes, Redis",
        sender: "sendInboundMessages",
        processes: 3,
        store: "redis",
        answerDelayMs,
        ...highLevel,
      },
      {
        name: "1 process, memory",
        sender: "sendInboundMessages",
        processes: 1,
        store: "memory",
        answerDelayMs,
        ...short,
      },
      {
        name: "3 processes, Redis",
        sender: "sendInboundMessages",
        processes: 3,
        store: "redis",
        answerDelayMs,
        ...short,
      },
    ]),
    // The same four for `ghl-inbound send` (each run a process of its own, --concurrency = the limit).
    ...[0, 150].flatMap((answerDelayMs): Setup[] => [
      {
        name: "1 run, memory",
        sender: "ghl-inbound send",
        processes: 1,
        store: "memory",
        answerDelayMs,
        ...highLevel,
      },
      {
        name: "3 runs, Redis",
        sender: "ghl-inbound send",
        processes: 3,
        store: "redis",
        answerDelayMs,
        ...highLevel,
      },
      {
        name: "1 run, memory",
        sender: "ghl-inbound send",
        processes: 1,
        store: "memory",
        answerDelayMs,
        ...short,
      },
      {
        name: "3 runs, Redis",
        sender: "ghl-inbound send",
        processes: 3,
        store: "redis",
        answerDelayMs,
        ...short,
      },
    ]),
    {
      name: "2 runs, Redis",
      sender: "ghl-inbound send",
      processes: 2,
      store: "redis",
      answerDelayMs: 150,
      ...twoRuns,
    },
    {
      name: "3 processes, Redis, 2 CPU-bound processes beside",
      sender: "sendInboundMessages",
      processes: 3,
      store: "redis",
      answerDelayMs: 150,
      ...short,
      target: undefined,
      isBusy: true,
    },
    {
      name: "2 runs, Redis, 2 CPU-bound processes beside",
      sender: "ghl-inbound send",
      processes: 2,
      store: "redis",
      answerDelayMs: 150,
      ...twoRuns,
      target: undefined,
      isBusy: true,
    },
  ],
  smoke: [
    { name: "3 processes, Redis", sender: "sendInboundMessages", processes: 3, ...smokeRedis },
    { name: "2 runs, Redis", sender: "ghl-inbound send", processes: 2, ...smokeRedis },
  ],
};

interface SetupRun {
  idealMs: number;
  firstToLastAddedMs: number;
  budgetUse: number;
  /** Arrivals the server answered 429 because they broke its sliding-window limit. */
  overLimit: number;
  /** The most arrivals in any interval, over every arrival (a check on `overLimit`). */
  mostInAnyInterval: number;
  requests: number;
  added: number;
  addedTwice: number;
}

/** A process that keeps one core busy until it is killed. */
function startCpuHog(): ChildProcess {
  return spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** Splits `total` messages over `processes` as evenly as can be; each gets altIds of its own. */
function altIdsOf(setupIndex: number, processes: number, total: number): string[][] {
  return Array.from({ length: processes }, (_, process) =>
    Array.from(
      { length: Math.floor(total / processes) + (process < total % processes ? 1 : 0) },
      (_, index) => `s${setupIndex}-p${process}-${index + 1}`,
    ),
  );
}

async function runSenders(
  setup: Setup,
  setupIndex: number,
  server: CountingServer,
  redis: RedisServer,
  dir: string,
): Promise<void> {
  const key = `bench-budget-${setupIndex}`;
  const altIds = altIdsOf(setupIndex, setup.processes, setup.messages);
  if (setup.sender === "sendInboundMessages") {
    // Every process loads, connects and warms up first, then they start together.
    const startAt = Date.now() + (setup.isBusy ? 4_000 : 1_500);
    await Promise.all(
      altIds.map((ids, process) =>
        runJsonProcess<{ failed: string[] }>(
          SENDER,
          {
            baseUrl: server.url,
            key,
            limit: setup.limit,
            intervalMs: setup.intervalMs,
            redisPort: setup.store === "redis" ? redis.port : undefined,
            prefix: `bench-${setupIndex}:`,
            altIds: ids,
            startAt,
          },
          { label: `sender ${process}`, timeoutMs: 120_000 },
        ).then(({ failed }) => {
          if (failed.length > 0) throw new Error(`sender ${process} failed: ${failed.join(", ")}`);
        }),
      ),
    );
    return;
  }
  await Promise.all(
    altIds.map(async (ids, process) => {
      const input = join(dir, `budget-${setupIndex}-${process}.jsonl`);
      await writeInput(input, ids.length, `s${setupIndex}-p${process}-`);
      await runCommand(
        sendArgs({
          input,
          baseUrl: server.url,
          limit: setup.limit,
          intervalMs: setup.intervalMs,
          key,
          // As many in flight as the budget allows at once: the default (16) would spread each burst.
          concurrency: Math.min(HIGHLEVEL_BURST_LIMIT, setup.limit),
          redisUrl: setup.store === "redis" ? `redis://127.0.0.1:${redis.port}` : undefined,
        }),
      );
    }),
  );
}

async function runSetup(
  setup: Setup,
  setupIndex: number,
  redis: RedisServer,
  dir: string,
): Promise<SetupRun> {
  const { limit, intervalMs } = setup;
  const server = await startCountingServer({
    burst: { limit, intervalMs },
    answerDelayMs: setup.answerDelayMs,
  });
  const hogs = setup.isBusy ? [startCpuHog(), startCpuHog()] : [];
  try {
    await runSenders(setup, setupIndex, server, redis, dir);
  } finally {
    await Promise.all(hogs.map(stopProcess));
    await server.close();
  }
  const times = server.arrivals.map((arrival) => arrival.atMs);
  const addedTimes = server.arrivals
    .filter((arrival) => typeof arrival.answer === "number" && arrival.answer < 300)
    .map((arrival) => arrival.atMs);
  const idealMs = (Math.ceil(setup.messages / limit) - 1) * intervalMs;
  const firstToLastAddedMs = Math.max(...addedTimes) - Math.min(...times);
  return {
    idealMs,
    firstToLastAddedMs,
    budgetUse: idealMs / firstToLastAddedMs,
    overLimit: server.overLimit,
    mostInAnyInterval: maxCountInAnyWindow(times, intervalMs),
    requests: server.requestCount,
    added: server.added.size,
    addedTwice: [...server.added.values()].filter((count) => count > 1).length,
  };
}

function rowFor(setup: Setup, run: SetupRun): ResultRow {
  const rate = `${setup.limit} per ${setup.intervalMs / 1000} s`;
  const percent = (run.budgetUse * 100).toFixed(1);
  const isComplete = run.added === setup.messages && run.addedTwice === 0;
  return rowOf({
    benchmark: "rate budget",
    measure: `${setup.sender}, ${setup.name}, ${rate}, answers in ${setup.answerDelayMs} ms, ${setup.messages} messages: first arrival to last added (budget used ${percent} %, ${run.overLimit} over the limit)`,
    unit: "ms",
    ours: { label: "measured", value: run.firstToLastAddedMs },
    baseline: { label: "the budget back to back", value: run.idealMs },
    target:
      setup.target === undefined
        ? { text: "0 over the limit", isMet: run.overLimit === 0 && isComplete }
        : {
            text: `>= ${setup.target * 100} % of the budget, 0 over the limit`,
            isMet: run.budgetUse >= setup.target && run.overLimit === 0 && isComplete,
          },
  });
}

export async function runBudget(mode: BenchMode): Promise<BenchResult> {
  const setups = SETUPS[mode];
  const dir = await mkdtemp(join(tmpdir(), "ghl-bench-budget-"));
  const redis = await startRedis();
  const runs: (Setup & SetupRun)[] = [];
  try {
    for (const [index, setup] of setups.entries())
      runs.push({ ...setup, ...(await runSetup(setup, index, redis, dir)) });
  } finally {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    rows: runs.map((run) => rowFor(run, run)),
    details: { runs },
    notes: [
      `Rate budget: each setup against its own counting server (test-support), which counts every arrival over a sliding window of the interval and answers past the limit with 429 ("over the limit"); the senders are separate processes: the client's sendInboundMessages with concurrency = the limit (the built packages; Redis setups share one redis-server, each setup under its own key), or \`ghl-inbound send\` with --concurrency = the limit. Budget used = (ceil(N / limit) - 1) intervals over the time from the first arrival to the last added message. The limiter's margin is learned (the default): 250 ms until three answers were seen, then the spread of its slot-to-answer times + 10 ms, shared through the store (a process's cold first requests count only until three later answers are in); each slot is settled with its answer and stops counting one interval after it when that comes first, or, for a slot whose request's leaving the client measured on Node's fetch (cold ones too), one interval after it left plus the slowest leaving-to-answer time reported on the key (its own at least) less the taking process's fastest (the key's, for a process with none yet), plus 10 ms; the waiters of each process stand in line, so a freed slot costs one Redis call per process. Busy setups run two \`node -e "for(;;){}"\` processes beside the senders on this machine's ${cpus().length} cores. Most arrivals in any interval, per setup: ${runs.map((run) => run.mostInAnyInterval).join(", ")}.`,
    ],
  };
}
