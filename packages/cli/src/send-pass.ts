// The second pass: the input streamed again, and each line that is to be sent (plan.ts's
// dispositionOf decides, as it did for the check) sent through the journaled client, a few at a time.
import {
  type HighLevelError,
  type InboundMessageRequest,
  isAuthenticationError,
  isConnectionError,
  isRateLimitError,
  isRateLimitStoreUnavailableError,
} from "@ghl-inbound/client";
import { isDailyLimitSpent } from "@ghl-inbound/limiter";
import { altIdOf, type InputRecord } from "./input-record.js";
import type { LineOutcome, LineToSend } from "./journaled-client.js";
import type { LineStates } from "./line-states.js";
import type { LineResult, OutFile } from "./out-file.js";
import { dispositionOf } from "./plan.js";
import { type RunStop, type StopReason, unexpectedFailure } from "./stop.js";

/** What became of the lines in this pass. */
export interface SendCounts {
  added: number;
  alreadyAdded: number;
  failed: number;
  /** Of `failed`, those that may have been added all the same (5xx, timeout...). */
  failedMayHaveBeenAdded: number;
  unknown: number;
  invalid: number;
  notSent: number;
  wouldSend: number;
}

export interface SendPassOptions {
  concurrency: number;
  skipInvalid: boolean;
  resendUnknown: boolean;
  isDryRun: boolean;
  out: OutFile | undefined;
  /** After every line's outcome, for the progress display. */
  onProgress(counts: SendCounts): void;
  onFailed(line: number, altId: string | undefined, error: HighLevelError): void;
}

/** Whether an outcome means no further line can succeed now, and why. */
export function stopReasonFor(outcome: LineOutcome): StopReason | undefined {
  if (outcome.kind === "added") {
    return isDailyLimitSpent(outcome.rateLimit)
      ? { kind: "daily-limit", retryAfterMs: undefined, at: new Date() }
      : undefined;
  }
  if (outcome.kind !== "failed") return undefined;
  const { error } = outcome;
  if (isRateLimitError(error) && isDailyLimitSpent(error.rateLimit)) {
    return { kind: "daily-limit", retryAfterMs: error.retryAfterMs, at: new Date() };
  }
  if (isAuthenticationError(error)) {
    return { kind: "fatal", message: "HighLevel refused the access token (401): check GHL_ACCESS_TOKEN" };
  }
  if (isRateLimitStoreUnavailableError(error)) {
    return { kind: "fatal", message: `the shared rate-limit store (Redis) is unavailable: ${error.message}` };
  }
  if (isConnectionError(error) && !error.mayHaveBeenAdded) {
    const origin = URL.canParse(error.url) ? new URL(error.url).origin : error.url;
    return {
      kind: "fatal",
      message: `HighLevel cannot be reached at ${origin} (${error.code ?? "no connection"}; the base URL is --base-url or GHL_BASE_URL)`,
    };
  }
  return undefined;
}

/**
 * A failure that says nothing about the line and that every line would meet while it lasts: the
 * endpoint down or overloaded (timeouts, 5xx, connections lost), or a base URL that is not HighLevel's
 * route (404).
 * What it is called in the stop message; undefined for any other outcome.
 */
function endpointFailureOf(outcome: LineOutcome): string | undefined {
  if (outcome.kind !== "failed") return undefined;
  const { error } = outcome;
  if (error.name === "RequestTimeoutError") return "timed out";
  if (error.name === "ServerError") return "got a 5xx";
  if (error.name === "NotFoundError") return "got 404 Not Found (is --base-url HighLevel's?)";
  // Refused before sending is a stop of its own (stopReasonFor); lost after sending, like a timeout,
  // leaves the line unknown, and every further line would meet it too.
  if (error.name === "ConnectionError" && error.mayHaveBeenAdded) return "lost the connection";
  return undefined;
}

/**
 * Counts endpoint failures in a row (any other outcome resets it). Two lanes' worth of them in a row,
 * i.e. twice the requests in flight, stop the run: every further line would fail the same way (and a
 * timeout or a 5xx leaves its line unknown).
 */
export function createFailureStreak(concurrency: number) {
  const limit = Math.max(4, concurrency * 2);
  let count = 0;
  const kinds = new Set<string>();
  return (line: number, outcome: LineOutcome): StopReason | undefined => {
    const failure = endpointFailureOf(outcome);
    if (failure === undefined) {
      count = 0;
      kinds.clear();
      return undefined;
    }
    count += 1;
    kinds.add(failure);
    if (count < limit) return undefined;
    const { error } = outcome as Extract<LineOutcome, { kind: "failed" }>;
    return {
      kind: "fatal",
      message:
        `${count} requests in a row ${[...kinds].join(" or ")} (the last, line ${line}: ${error.message}); ` +
        "HighLevel is down or the base URL is wrong: every line would fail the same way",
    };
  };
}

/** Sends one line and says what became of it (journaled-client.ts). */
export type SendLine = (line: LineToSend) => Promise<LineOutcome>;

/**
 * Streams the input again and sends each line that is to be sent, `concurrency` at a time: no more
 * lines than that are held in memory. Once the run stops, the remaining lines are counted not sent.
 */
export async function runSendPass(
  records: AsyncIterable<InputRecord>,
  states: LineStates,
  sendLine: SendLine,
  stop: RunStop,
  options: SendPassOptions,
): Promise<SendCounts> {
  const counts: SendCounts = {
    added: 0,
    alreadyAdded: 0,
    failed: 0,
    failedMayHaveBeenAdded: 0,
    unknown: 0,
    invalid: 0,
    notSent: 0,
    wouldSend: 0,
  };
  const write = (result: LineResult) => options.out?.write(result);
  const failureStreak = createFailureStreak(options.concurrency);
  const onOutcome = async ({ line, altId }: LineToSend, outcome: LineOutcome) => {
    if (outcome.kind === "added") {
      counts.added += 1;
      await write({ line, altId, status: "added", messageId: outcome.messageId });
    } else if (outcome.kind === "failed") {
      const { name, message, status, mayHaveBeenAdded } = outcome.error;
      counts.failed += 1;
      if (mayHaveBeenAdded) counts.failedMayHaveBeenAdded += 1;
      const error = { name, message, ...(status !== undefined && { status }), mayHaveBeenAdded };
      await write({ line, altId, status: "failed", error });
      options.onFailed(line, altId, outcome.error);
    } else {
      counts.notSent += 1;
      await write({ line, altId, status: "not-sent" });
    }
    const reason = stopReasonFor(outcome) ?? failureStreak(line, outcome);
    if (reason !== undefined) stop.request(reason);
    options.onProgress(counts);
  };
  const inFlight = new Set<Promise<void>>();
  let laneFailure: { error: unknown } | undefined;

  /** Sends every line to send, `concurrency` at a time; settles when the last has started. */
  async function sendEach(): Promise<void> {
    for await (const record of records) {
      const { line } = record;
      const altId = altIdOf(record.body);
      const disposition = dispositionOf(record, states, options);
      switch (disposition.kind) {
        case "changed":
        case "invalid":
          // Invalid lines reach this pass only with --skip-invalid; a line changed since the first pass
          // (the file was edited during the run) is not sent either.
          counts.invalid += 1;
          await write({
            line,
            altId,
            status: "invalid",
            issues: disposition.kind === "invalid" ? disposition.issues : changedIssue,
          });
          continue;
        case "already-added":
          counts.alreadyAdded += 1;
          await write({ line, altId, status: "already-added", messageId: states.messageIdOf(line) });
          continue;
        case "unknown":
          counts.unknown += 1;
          await write({ line, altId, status: "unknown" });
          continue;
        case "to-send":
          break;
      }
      if (options.isDryRun) {
        counts.wouldSend += 1;
        await write({ line, altId, status: "would-send" });
        continue;
      }
      while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
      if (stop.signal.aborted) {
        counts.notSent += 1;
        await write({ line, altId, status: "not-sent" });
        continue;
      }
      const item: LineToSend = { line, hash: record.hash, altId, body: record.body as InboundMessageRequest };
      const lane = sendLine(item)
        .then((outcome) => onOutcome(item, outcome))
        .catch((error: unknown) => {
          // Writing --out failed, or something unforeseen: the run stops, and the pass rethrows it.
          laneFailure ??= { error };
          stop.request(unexpectedFailure(error));
        })
        .finally(() => inFlight.delete(lane));
      inFlight.add(lane);
    }
  }

  try {
    await sendEach();
  } catch (error) {
    // The input could not be read again (edited during the run), or --out written: nothing more
    // starts, and the lines on the wire are awaited, so that their outcome is journaled before the
    // run lets go of the journal and its lock.
    stop.request(unexpectedFailure(error));
    await Promise.all(inFlight);
    throw error;
  }
  await Promise.all(inFlight);
  if (laneFailure !== undefined) throw laneFailure.error;
  return counts;
}

const changedIssue = [{ path: "", message: "changed while the run was reading the file: not sent" }];
