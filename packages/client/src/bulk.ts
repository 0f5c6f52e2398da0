// Many messages through one client: a bounded number in flight, one result per message in input
// order, and each message handed to the client exactly once. Resending is the caller's decision,
// made with `error.mayHaveBeenAdded` in hand, never this file's.
import { HIGHLEVEL_BURST_LIMIT } from "@ghl-inbound/limiter/rules";
import { type InboundMessageRequest, type InboundMessageResponse, OPERATION } from "@ghl-inbound/types";
import type { HighLevelClient } from "./client.js";
import {
  type HighLevelError,
  MessageInterruptedError,
  MessageSkippedError,
  type SkipReason,
} from "./errors.js";
import { isHighLevelError } from "./guards.js";
import { emitHook } from "./hooks.js";

/** One message's outcome; `index` is its position in the input. */
export type BulkResult =
  | { index: number; ok: true; data: InboundMessageResponse }
  | { index: number; ok: false; error: HighLevelError };

/** Counts so far; `done` = `succeeded + failed + skipped`, and reaches `total` in the last report. */
export interface BulkProgress {
  done: number;
  total: number;
  succeeded: number;
  /** Started and failed (any HighLevelError, including MessageInterruptedError). */
  failed: number;
  /** Never started (MessageSkippedError): aborted, or stopped by `stopOnError`. */
  skipped: number;
}

export interface SendInboundMessagesOptions {
  /**
   * Messages in flight at once, from 1 to 100. With `rateLimit` on the client, more than a few only
   * queue for slots. @default 4
   */
  concurrency?: number;
  /**
   * Stops the run: messages not yet started get MessageSkippedError; those in flight are aborted like
   * a single call (MessageInterruptedError, since a request may have left). The promise still
   * resolves, with a result for every message.
   */
  signal?: AbortSignal;
  /** Called after each message settles (and once for all skipped ones). A hook that throws is ignored. */
  onProgress?: (progress: BulkProgress) => void | Promise<void>;
  /**
   * `true`: start no new message after the first failure (those in flight finish); the rest get
   * MessageSkippedError with reason "stopped". Or a function that decides per error, e.g. stop on
   * AuthenticationError only. @default false
   */
  stopOnError?: boolean | ((error: HighLevelError, index: number) => boolean);
}

export const DEFAULT_BULK_CONCURRENCY = 4;
/** HighLevel's burst limit per location: more in flight than that can only wait. */
const MAX_BULK_CONCURRENCY = HIGHLEVEL_BURST_LIMIT;

/**
 * Sends every message with `client.addInboundMessage`, at most `concurrency` at a time, and resolves
 * with one result per message, in input order. It never rejects for a message's failure (only for
 * invalid arguments, before anything is sent).
 *
 * At most once: each message is handed to the client exactly once, and the client resends only what
 * certainly was not added (429, a connection never made, a 401 with a fresh token) unless the client
 * was created with `retryUnsafe`. Nothing here retries: a failure whose `mayHaveBeenAdded` is false can
 * be sent again safely; one whose `mayHaveBeenAdded` is true should be looked up by `altId` first.
 */
export async function sendInboundMessages(
  client: Pick<HighLevelClient, "addInboundMessage" | "options">,
  messages: readonly InboundMessageRequest[],
  options: SendInboundMessagesOptions = {},
): Promise<BulkResult[]> {
  if (!Array.isArray(messages)) throw new TypeError("sendInboundMessages: messages must be an array");
  const { signal, onProgress, stopOnError = false } = options;
  const concurrency = options.concurrency ?? DEFAULT_BULK_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_BULK_CONCURRENCY) {
    throw new RangeError(
      `sendInboundMessages: concurrency must be an integer from 1 to ${MAX_BULK_CONCURRENCY}`,
    );
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError("sendInboundMessages: signal must be an AbortSignal");
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new TypeError("sendInboundMessages: onProgress must be a function");
  }
  if (typeof stopOnError !== "boolean" && typeof stopOnError !== "function") {
    throw new TypeError("sendInboundMessages: stopOnError must be a boolean or a function");
  }

  const total = messages.length;
  const request = { method: "POST", url: `${client.options.baseUrl}${OPERATION.path}` };
  const results = new Array<BulkResult | undefined>(total);
  const counts = { succeeded: 0, failed: 0, skipped: 0 };
  let nextIndex = 0;
  let stoppedBy: HighLevelError | undefined;

  const report = () =>
    emitHook(onProgress, () => ({
      done: counts.succeeded + counts.failed + counts.skipped,
      total,
      ...counts,
    }));

  function shouldStopAfter(error: HighLevelError, index: number): boolean {
    if (typeof stopOnError === "boolean") return stopOnError;
    try {
      return stopOnError(error, index) === true;
    } catch {
      // A predicate that breaks cannot say "go on": stopping sends nothing that was not asked for.
      return true;
    }
  }

  async function sendOne(index: number): Promise<BulkResult> {
    try {
      return { index, ok: true, data: await client.addInboundMessage(messages[index]!, { signal }) };
    } catch (error) {
      if (isHighLevelError(error)) return { index, ok: false, error };
      // The caller's abort reason, or a failure outside the client (a token function that threw).
      const isAborted = signal?.aborted === true && error === signal.reason;
      return {
        index,
        ok: false,
        error: new MessageInterruptedError({ ...request, isAborted }, { cause: error }),
      };
    }
  }

  // Each lane takes the next index when it is free: at most `concurrency` calls are ever open, and an
  // index is taken once, so no message is handed to the client twice.
  async function runLane(): Promise<void> {
    while (nextIndex < total && !signal?.aborted && stoppedBy === undefined) {
      const index = nextIndex++;
      const result = await sendOne(index);
      results[index] = result;
      if (result.ok) {
        counts.succeeded++;
      } else {
        counts.failed++;
        if (stoppedBy === undefined && shouldStopAfter(result.error, index)) stoppedBy = result.error;
      }
      report();
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, runLane));

  if (counts.succeeded + counts.failed < total) {
    const reason: SkipReason = stoppedBy === undefined ? "aborted" : "stopped";
    const cause = stoppedBy ?? signal?.reason;
    for (let index = 0; index < total; index++) {
      if (results[index] !== undefined) continue;
      results[index] = {
        index,
        ok: false,
        error: new MessageSkippedError({ ...request, reason }, { cause }),
      };
      counts.skipped++;
    }
    report();
  }
  return results as BulkResult[];
}
