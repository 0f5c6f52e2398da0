// `ghl-inbound send`, as a function: check every line, then send what is not done yet, journaled,
// inside the rate budget, and say what happened. The command line (cli.ts) only parses flags into this.
import { open } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import {
  type ClientOptions,
  createHighLevelClient,
  type HighLevelError,
  type RateLimitInfo,
} from "@ghl-inbound/client";
import {
  createMemoryStore,
  createRedisStore,
  HIGHLEVEL_BURST_LIMIT,
  type RateLimitStore,
} from "@ghl-inbound/limiter";
import { BudgetWatch } from "./budget-watch.js";
import { DEFAULT_RATE_LIMIT, parseRateLimit, type RateBudget } from "./duration.js";
import { EXIT_CODES, type ExitCode } from "./exit-codes.js";
import { type InputEncoding, utf8Problem } from "./input-encoding.js";
import { type InputFormat, type InputSource, openInputSource } from "./input-source.js";
import { JournalWriter, readJournal } from "./journal.js";
import { type JournalLock, lockJournal } from "./journal-lock.js";
import { createLineSender } from "./journaled-client.js";
import type { LineStates } from "./line-states.js";
import { OutFile } from "./out-file.js";
import { type Plan, planRun } from "./plan.js";
import { createProgressDisplay } from "./progress.js";
import { connectRedis } from "./redis-connection.js";
import {
  describeCounts,
  describeIssues,
  describeLine,
  describeNextSteps,
  describePlan,
  describeStops,
  Report,
} from "./report.js";
import { runSendPass, type SendCounts } from "./send-pass.js";
import { RunStop } from "./stop.js";
import { InputError, UsageError } from "./usage-error.js";

export interface SendFileOptions {
  /** A JSONL or CSV file, or `-` for stdin (then `journal` is required). */
  input: string;
  /** @default "csv" for a `.csv` file, else "jsonl" */
  format?: InputFormat;
  /** The input's text encoding; UTF-8 input is checked (a line that is not UTF-8 stops the run). @default "utf-8" */
  encoding?: InputEncoding;
  /** Required unless `dryRun`. Never printed, never journaled. */
  accessToken?: string;
  /** @default "https://services.leadconnectorhq.com" */
  baseUrl?: string;
  /** Per attempt: no complete answer within this time is a timeout (the line becomes unknown). @default 30000 */
  timeoutMs?: number;
  /** Requests in flight at once, from 1 to HighLevel's burst limit (`MAX_CONCURRENCY`). @default 16 */
  concurrency?: number;
  /** Requests per interval, or "off". @default HighLevel's burst limit, 100 per 10 s */
  rateLimit?: RateBudget | "off";
  /** What the budget counts against: the location id, as the live services use. @default a hash of the token */
  rateLimitKey?: string;
  /** Shares the budget through Redis with every process that uses the same key and store. */
  redisUrl?: string;
  /** One JSON line per input line; `-` for stdout. */
  out?: string;
  /** @default the input path + ".journal" */
  journal?: string;
  /** Check and plan only: nothing is sent, the journal is not written. */
  dryRun?: boolean;
  /** Send the valid lines even when some are invalid (those are reported, and the exit code is 1). */
  skipInvalid?: boolean;
  /** Also send lines an earlier run sent without learning the outcome: they may be added twice. */
  resendUnknown?: boolean;
  /** Aborting stops the run gracefully: no new line starts; requests in flight finish and are journaled. */
  signal?: AbortSignal;
  /** Where messages and progress go. @default process.stderr */
  stderr?: Writable & { isTTY?: boolean };
  /** Read for `input: "-"`. @default process.stdin */
  stdin?: Readable;
  /** Plain progress lines (when `stderr` is not a terminal) this often. @default 10_000 */
  progressIntervalMs?: number;
}

export interface SendFileResult {
  exitCode: ExitCode;
  plan: Plan;
  /** Undefined when the first pass found a reason to send nothing. */
  counts: SendCounts | undefined;
  elapsedMs: number;
}

/**
 * Requests in flight. The limiter lets a whole burst (HIGHLEVEL_BURST_LIMIT) go at the start of each window, and once
 * HighLevel answers "0 remaining" the client waits a full interval from that answer: the faster a
 * burst goes out, the less of each window is lost. At HighLevel's few hundred ms per request, 16 send
 * a burst in about 2 s, 8 in about 4 s.
 */
export const DEFAULT_CONCURRENCY = 16;
/** More in flight than one burst could never all be let through in the same window. */
export const MAX_CONCURRENCY = HIGHLEVEL_BURST_LIMIT;
export { DEFAULT_RATE_LIMIT };

export async function sendFile(options: SendFileOptions): Promise<SendFileResult> {
  const startedAt = performance.now();
  const report = new Report(options.stderr ?? process.stderr);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  }
  if (!options.dryRun && !options.accessToken) {
    throw new UsageError("set GHL_ACCESS_TOKEN to the location's access token (it is never printed)");
  }
  if (options.input === "-" && options.journal === undefined) {
    throw new UsageError("reading stdin needs --journal FILE: a re-run fed the same input resumes from it");
  }
  if (options.rateLimitKey !== undefined && options.rateLimitKey.trim() === "") {
    throw new UsageError("--rate-limit-key is empty: give the location id your live services count against");
  }
  const rateBudget = options.rateLimit ?? parseRateLimit(DEFAULT_RATE_LIMIT);
  const journalPath = options.journal ?? `${options.input}.journal`;
  if (!options.dryRun) checkClientOptions(clientOptionsOf(options, rateBudget, createMemoryStore()));
  if (options.input !== "-") await checkInputFile(options.input);

  const encoding = options.encoding ?? "utf-8";
  const source = await openInputSource(options.input, options.format, options.stdin, encoding);
  let out: OutFile | undefined;
  let lock: JournalLock | undefined;
  try {
    const notUtf8 = encoding === "utf-8" ? await utf8Problem(source.path) : undefined;
    if (notUtf8 !== undefined) throw new InputError(`${options.input}: ${notUtf8}; nothing was sent`);
    if (!options.dryRun) {
      lock = await lockJournal(journalPath);
      const { tookOverFrom: dead } = lock;
      if (dead !== undefined) {
        report.line(
          `Journal ${journalPath}: took over the lock of run ${dead.pid} on ${dead.host} (started ${dead.startedAt}), ` +
            "which is no longer running.",
        );
      }
    }
    const { states, unreadableLines, lastSeq, wholeBytes } = await readJournal(journalPath, {
      keepMessageIds: options.out !== undefined,
    });
    if (unreadableLines > 0) {
      report.line(
        `Journal ${journalPath}: its last record, torn by a killed run, is ignored and cut off ` +
          "(a request waits for its record to be on disk, so no request left on it).",
      );
    }
    out = options.out === undefined ? undefined : await OutFile.open(options.out);

    const plan = await planRun(source.records(), states, {
      skipInvalid: options.skipInvalid === true,
      resendUnknown: options.resendUnknown === true,
      out,
      signal: options.signal,
      onInvalid: (line, altId, issues) =>
        report.listItem(
          "invalid",
          "Invalid lines (they break the spec):",
          `${describeLine(line, altId)}: ${describeIssues(issues)}`,
        ),
      onUnknown: (line, altId) =>
        report.listItem(
          "unknown",
          options.resendUnknown === true
            ? "Resending (--resend-unknown) these lines an earlier run sent without a known outcome: any that was added will be added twice:"
            : "Sent by an earlier run without a known outcome (killed mid-request, or a 5xx or timeout): they may have been added; look them up by altId:",
          describeLine(line, altId),
        ),
      onChanged: (line) =>
        report.listItem(
          "changed",
          `The input does not match the journal ${journalPath}:`,
          `line ${line} differs`,
        ),
    });
    report.endLists();
    const result = (exitCode: ExitCode, counts?: SendCounts) => ({
      exitCode,
      plan,
      counts,
      elapsedMs: performance.now() - startedAt,
    });

    if (plan.isInterrupted) {
      report.line("Interrupted while checking the input: nothing was sent.");
      return result(EXIT_CODES.interrupted);
    }
    if (plan.records === 0 && plan.unreadable === undefined) {
      report.line(`Nothing was sent: ${options.input} has no lines to send.`);
      return result(EXIT_CODES.invalidInput);
    }
    if (plan.unreadable !== undefined) {
      report.line(`Nothing was sent: ${plan.unreadable}.`);
      return result(EXIT_CODES.invalidInput);
    }
    if (plan.changed > 0) {
      report.line(
        `Nothing was sent: ${plan.changed} lines differ from what the journal recorded, so the journal cannot ` +
          "say what was sent. Run with the original file, or with a new --journal to start over (lines an earlier " +
          "run added would be added again).",
      );
      return result(EXIT_CODES.invalidInput);
    }
    if (plan.invalid > 0 && options.skipInvalid !== true) {
      report.line(
        `Nothing was sent: ${plan.invalid} of ${plan.records} lines are invalid. Fix them, or pass --skip-invalid to send the rest.`,
      );
      return result(EXIT_CODES.invalidInput);
    }
    report.line(describePlan(plan));
    if (options.dryRun) {
      if (out !== undefined) {
        await runSendPass(source.records(), states, unusedSender, new RunStop(), {
          concurrency,
          skipInvalid: options.skipInvalid === true,
          resendUnknown: options.resendUnknown === true,
          isDryRun: true,
          out,
          onProgress: () => {},
          onFailed: () => {},
        });
      }
      report.line("Dry run: nothing was sent.");
      return result(plan.invalid > 0 ? EXIT_CODES.notAllDone : EXIT_CODES.allDone);
    }

    const { counts, stop } = await sendLines({
      options,
      states,
      plan,
      source,
      out,
      report,
      concurrency,
      rateBudget,
      journalPath,
      lastSeq,
      wholeBytes,
    });
    report.line(describeCounts(counts, performance.now() - startedAt));
    for (const paragraph of describeStops(stop)) report.line(paragraph);
    for (const step of describeNextSteps(counts, journalPath)) report.line(step);
    return result(exitCodeOf(counts, stop), counts);
  } finally {
    await out?.close();
    await source.dispose();
    await lock?.release();
  }
}

/** A missing, unreadable or non-file input is named before anything else happens. */
async function checkInputFile(path: string): Promise<void> {
  try {
    const handle = await open(path, "r");
    try {
      if ((await handle.stat()).isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory, not a file"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : `cannot be read (${typeof code === "string" ? code : "error"})`;
    throw new InputError(`${path}: ${why}; nothing was sent`);
  }
}

async function sendLines({
  options,
  states,
  plan,
  source,
  out,
  report,
  concurrency,
  rateBudget,
  journalPath,
  lastSeq,
  wholeBytes,
}: {
  options: SendFileOptions;
  states: LineStates;
  plan: Plan;
  source: InputSource;
  out: OutFile | undefined;
  report: Report;
  concurrency: number;
  rateBudget: RateBudget | undefined | "off";
  journalPath: string;
  lastSeq: number;
  wholeBytes: number;
}): Promise<{ counts: SendCounts; stop: RunStop }> {
  // The caller's signal (Ctrl-C) is one reason among others to stop: from here every part checks the run's.
  const stop = new RunStop();
  const onAbort = () => stop.request({ kind: "interrupted" });
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const redis =
    plan.toSend > 0 && options.redisUrl !== undefined
      ? await connectRedis(options.redisUrl, options.signal)
      : undefined;
  const journal = await JournalWriter.open(journalPath, lastSeq, wholeBytes);
  const budget = new BudgetWatch(rateBudget === "off" ? undefined : rateBudget, (text) => progress.say(text));
  const progress = createProgressDisplay(
    options.stderr ?? process.stderr,
    options.progressIntervalMs ?? 10_000,
    budget,
  );
  try {
    await journal.append({ event: "run", at: new Date().toISOString(), input: options.input });
    const store = redis ? createRedisStore(redis.client) : createMemoryStore();
    const clientOptions = {
      ...clientOptionsOf(options, rateBudget, store),
      onRequest: () => budget.onRequest(),
      onResponse: ({ rateLimit }: { rateLimit: RateLimitInfo }) => budget.onResponse(rateLimit),
    };
    progress.start(plan.toSend);
    const counts = await runSendPass(
      source.records(),
      states,
      createLineSender(clientOptions, journal, stop),
      stop,
      {
        concurrency,
        skipInvalid: options.skipInvalid === true,
        resendUnknown: options.resendUnknown === true,
        isDryRun: false,
        out,
        onProgress: (sofar) => progress.update(sofar.added + sofar.failed + sofar.notSent, sofar.failed),
        // Held, not printed: the progress bar owns the terminal until the pass ends.
        onFailed: (line, altId, error: HighLevelError) =>
          report.holdItem(
            "failed",
            "Failed lines:",
            `${describeLine(line, altId)}: ${error.name}: ${error.message} [mayHaveBeenAdded: ${error.mayHaveBeenAdded}]`,
          ),
      },
    );
    progress.stop();
    report.printHeld();
    return { counts, stop };
  } finally {
    progress.stop();
    options.signal?.removeEventListener("abort", onAbort);
    await journal.close();
    await redis?.close();
  }
}

/** The client's options for a run: the token, the base URL and the rate budget over `store`. */
function clientOptionsOf(
  options: SendFileOptions,
  rateBudget: RateBudget | undefined | "off",
  store: RateLimitStore,
): Omit<ClientOptions, "fetch"> {
  const budget = rateBudget === "off" ? undefined : rateBudget;
  return {
    accessToken: options.accessToken ?? "",
    ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(budget !== undefined && {
      rateLimit: {
        ...budget,
        ...(options.rateLimitKey !== undefined && { key: options.rateLimitKey }),
        store,
        // Another run or a live service may hold the budget for a while: a backfill can wait.
        maxWaitMs: Math.max(60_000, budget.intervalMs * 3),
      },
    }),
  };
}

/**
 * A base URL or rate-limit key the client refuses is a bad command line: said before the input is
 * read, not at the first send. The client's messages name the option, never the token.
 */
function checkClientOptions(clientOptions: Omit<ClientOptions, "fetch">): void {
  try {
    createHighLevelClient(clientOptions);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function exitCodeOf(counts: SendCounts, stop: RunStop): ExitCode {
  if (stop.has("interrupted")) return EXIT_CODES.interrupted;
  if (stop.has("daily-limit")) return EXIT_CODES.dailyLimit;
  // A failure that stopped the run (a journal that could not be written...) leaves lines not done,
  // or not recorded as done, even when every request succeeded.
  if (stop.has("fatal")) return EXIT_CODES.notAllDone;
  const notDone = counts.failed + counts.unknown + counts.invalid + counts.notSent;
  return notDone === 0 ? EXIT_CODES.allDone : EXIT_CODES.notAllDone;
}

/** The dry run's pass never sends: a sender that is never called. */
function unusedSender(): never {
  throw new Error("a dry run does not send");
}
