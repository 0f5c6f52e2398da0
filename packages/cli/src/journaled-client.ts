// One line through the client, journaled: "started" reaches the disk in the client's own awaited
// `beforeSend` step (after the rate-limit slot, before the request leaves), a refused attempt is
// journaled in `beforeRetry` before the client waits to resend, and the outcome right after the answer.
//
// Why "started" is written after the slot is taken, not before: a line journaled as started and then
// killed while it waited for a slot would be reported unknown by the next run although it was never
// sent. The slot is held for the length of one group commit (a few ms), so little budget is lost.
import {
  type ClientOptions,
  createHighLevelClient,
  type HighLevelError,
  type InboundMessageRequest,
  isAttemptRefusedError,
  isHighLevelError,
  type RateLimitInfo,
} from "@ghl-inbound/client";
import { JournalWriteError, type JournalWriter } from "./journal.js";
import { type RunStop, unexpectedFailure } from "./stop.js";

/** A line to send, as the second pass hands it over. */
export interface LineToSend {
  readonly line: number;
  readonly hash: string;
  readonly altId: string | undefined;
  readonly body: InboundMessageRequest;
}

export type LineOutcome =
  | { kind: "added"; messageId: string; rateLimit: RateLimitInfo }
  | { kind: "failed"; error: HighLevelError }
  /** The run stopped (or the journal failed) before a request of it left: it was not added. */
  | { kind: "not-sent" };

/** A journal write failure, wherever it sits in an error's cause chain. */
function journalWriteFailureIn(error: unknown): JournalWriteError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof JournalWriteError) return current;
    current = current.cause;
  }
  return undefined;
}

/**
 * Sends lines one call each and says what became of them. A journal that cannot be written stops the
 * run (`stop`): no request leaves without its "started" record on disk. Lines waiting for a slot or a
 * resend when the run stops are taken back (not sent); a request on the wire is left to finish.
 */
export function createLineSender(
  clientOptions: Omit<ClientOptions, "fetch">,
  journal: JournalWriter,
  stop: RunStop,
): (line: LineToSend) => Promise<LineOutcome> {
  const client = createHighLevelClient(clientOptions);
  const run = stop.signal;
  const now = () => new Date().toISOString();
  /** A call ended by the stop while it waited: with the stop's reason, or refused by beforeSend with it. */
  const isTakenBack = (error: unknown) =>
    run.aborted && (error === run.reason || (isAttemptRefusedError(error) && error.cause === run.reason));

  function stopOnJournalFailure(error: unknown): void {
    const failure = journalWriteFailureIn(error);
    if (failure === undefined) {
      stop.request(unexpectedFailure(error));
      return;
    }
    stop.request({
      kind: "fatal",
      message: `the journal cannot be written (${failure.code ?? failure.message.replace(/^the journal could not be written \((.*)\)$/, "$1")}); nothing more is sent without it`,
    });
  }

  return async function sendLine({ line, hash, altId, body }: LineToSend): Promise<LineOutcome> {
    if (run.aborted) return { kind: "not-sent" };
    // The client's signal would cut off a request on the wire too, so the call's signal follows the
    // run's only while the line waits (for its slot, for a resend). From beforeSend on a stop leaves
    // the line alone: once "started" is on disk it is sent, so that no line the journal calls started
    // is left unsent; and its answer may add it.
    const call = new AbortController();
    const takeBack = () => call.abort(run.reason);
    const setWaiting = (isWaiting: boolean) => {
      if (!isWaiting) run.removeEventListener("abort", takeBack);
      else if (run.aborted) takeBack();
      else run.addEventListener("abort", takeBack, { once: true });
    };
    setWaiting(true);
    let outcome: LineOutcome;
    try {
      const result = await client.addInboundMessageWithResponse(body, {
        signal: call.signal,
        beforeSend: async () => {
          // The stop may have come while the line waited for its slot: then it is not sent.
          call.signal.throwIfAborted();
          setWaiting(false);
          await journal.append({
            event: "started",
            line,
            hash,
            ...(altId !== undefined && { altId }),
            at: now(),
          });
        },
        beforeRetry: async ({ error }) => {
          // Refused (a 429, a refused connection): said at once, so that a kill during the wait for
          // the resend leaves a line the next run sends again, not an unknown one.
          if (!error.mayHaveBeenAdded) await journal.append(failedRecord(line, hash, error));
          // A stop that came while this attempt was on the wire takes the line back now.
          setWaiting(true);
        },
      });
      outcome = { kind: "added", messageId: result.data.messageId, rateLimit: result.rateLimit };
    } catch (error) {
      if (isTakenBack(error)) {
        outcome = { kind: "not-sent" };
      } else if (isAttemptRefusedError(error)) {
        stopOnJournalFailure(error.cause);
        outcome = { kind: "not-sent" };
      } else if (isHighLevelError(error)) {
        outcome = { kind: "failed", error };
      } else {
        stopOnJournalFailure(error);
        outcome = { kind: "not-sent" };
      }
    } finally {
      setWaiting(false);
    }
    // The outcome goes to disk with the next group commit; the lane moves on without waiting for it
    // (the run's end does). A crash before then leaves the line "started", i.e. unknown: never sent
    // again by itself, so never twice. A not-sent line's journal already says so (or nothing).
    if (outcome.kind === "added") {
      journal
        .append({ event: "done", line, hash, messageId: outcome.messageId, at: now() })
        .catch(stopOnJournalFailure);
    } else if (outcome.kind === "failed") {
      journal.append(failedRecord(line, hash, outcome.error)).catch(stopOnJournalFailure);
    }
    return outcome;
  };
}

function failedRecord(line: number, hash: string, failure: HighLevelError) {
  const { name, message, status, mayHaveBeenAdded } = failure;
  const error = { name, message, ...(status !== undefined && { status }) };
  return { event: "failed" as const, line, hash, error, mayHaveBeenAdded, at: new Date().toISOString() };
}
