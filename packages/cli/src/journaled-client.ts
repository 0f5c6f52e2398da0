// The client as sendInboundMessages sees it, with the journal wrapped around every line: "started" is
// on disk before the line's first request leaves the process, its outcome right after the answer.
import { AsyncLocalStorage } from "node:async_hooks";
import {
  type ClientOptions,
  createHighLevelClient,
  type HighLevelClient,
  type HighLevelError,
  type InboundMessageRequest,
  type InboundMessageResponse,
  isHighLevelError,
  MessageSkippedError,
  type RateLimitInfo,
} from "@ghl-inbound/client";
import { JournalWriteError, type JournalWriter } from "./journal.js";
import type { StopSwitch } from "./stop.js";

/** Set by the stop switch on the lines it aborts while they wait. */
const STOPPED = new Error("the run is stopping");

/** A journal write failure, wherever it sits in an error's cause chain (the client wraps fetch's). */
function journalWriteFailureIn(error: unknown): JournalWriteError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof JournalWriteError) return current;
    current = current.cause;
  }
  return undefined;
}

function isJournalWriteFailure(error: unknown): boolean {
  return journalWriteFailureIn(error) !== undefined;
}

/** A line handed to the sender, and where its request stands. */
export interface PendingLine {
  readonly line: number;
  readonly hash: string;
  readonly altId: string | undefined;
  readonly body: InboundMessageRequest;
  /** Aborts the line while it waits (for a slot, or between a 429 and its resend), never on the wire. */
  readonly waitController: AbortController;
  /** The sender took it up (else the run stopped before its turn). */
  hasRun: boolean;
  /** "started" is the journal's last word on it (an attempt left, no answer recorded yet). */
  isStarted: boolean;
  /** A request for it left and the call has not settled: a stop must let it finish. */
  isOnWire: boolean;
}

export type LineOutcome =
  | { kind: "added"; messageId: string; rateLimit: RateLimitInfo }
  | { kind: "failed"; error: HighLevelError }
  /** The run stopped while the line waited: no request of it can have added it. */
  | { kind: "not-sent" };

export interface JournaledSender {
  /** What sendInboundMessages calls: each body must come from `pendingLine()`. */
  readonly client: Pick<HighLevelClient, "addInboundMessage" | "options">;
  pendingLine(record: {
    line: number;
    hash: string;
    altId: string | undefined;
    body: InboundMessageRequest;
  }): PendingLine;
}

/**
 * `onOutcome` runs once per line taken up, once its outcome is appended to the journal. A journal that
 * cannot be written stops the run (`stop`): no request leaves without its "started" record on disk.
 */
export function createJournaledSender(
  clientOptions: Omit<ClientOptions, "fetch">,
  journal: JournalWriter,
  stop: StopSwitch,
  onOutcome: (pending: PendingLine, outcome: LineOutcome) => Promise<void>,
): JournaledSender {
  const lineScope = new AsyncLocalStorage<PendingLine>();
  const pendingByBody = new WeakMap<object, PendingLine>();
  const running = new Set<PendingLine>();
  const now = () => new Date().toISOString();

  const client = createHighLevelClient({
    ...clientOptions,
    // The one place a request leaves: the line it belongs to comes through AsyncLocalStorage, since
    // the client calls fetch with a Request only.
    fetch: async (request) => {
      const pending = lineScope.getStore();
      if (pending === undefined) return fetch(request);
      // From here until the call settles the line is not aborted by a stop: its answer (an added
      // message) may be on the way. Only a 429 or a connection never made hands it back to waiting.
      pending.isOnWire = true;
      let response: Response;
      try {
        request.signal.throwIfAborted();
        if (!pending.isStarted) {
          const { line, hash, altId } = pending;
          await journal.append({
            event: "started",
            line,
            hash,
            ...(altId !== undefined && { altId }),
            at: now(),
          });
          pending.isStarted = true;
        }
        response = await fetch(request);
      } catch (error) {
        pending.isOnWire = false;
        throw error;
      }
      if (response.status === 429) {
        // Refused, so certainly not added: said at once, so that a kill during the wait for the resend
        // leaves a line the next run sends again, not an unknown one.
        const { line, hash } = pending;
        const error = { name: "RateLimitError", message: "429 Too Many Requests", status: 429 };
        await journal.append({ event: "failed", line, hash, error, mayHaveBeenAdded: false, at: now() });
        pending.isStarted = false;
        pending.isOnWire = false;
      }
      return response;
    },
  });

  stop.onStop(() => {
    for (const pending of running) {
      if (!pending.isOnWire) pending.waitController.abort(STOPPED);
    }
  });

  async function runLine(pending: PendingLine): Promise<InboundMessageResponse> {
    const signal = pending.waitController.signal;
    let data: InboundMessageResponse | undefined;
    let outcome: LineOutcome;
    try {
      const result = await lineScope.run(pending, () =>
        client.addInboundMessageWithResponse(pending.body, { signal }),
      );
      data = result.data;
      outcome = { kind: "added", messageId: result.data.messageId, rateLimit: result.rateLimit };
    } catch (error) {
      if (signal.aborted && error === signal.reason) outcome = { kind: "not-sent" };
      else if (isHighLevelError(error) && !isJournalWriteFailure(error)) outcome = { kind: "failed", error };
      else throw stopOnUnexpected(error);
    }
    // The outcome goes to disk with the next group commit; the lane moves on without waiting for it
    // (the run's end does). A crash before then leaves the line "started", i.e. unknown: never sent
    // again by itself, so never twice.
    journalOutcome(pending, outcome).catch(stopOnUnexpected);
    await onOutcome(pending, outcome);
    if (outcome.kind === "failed") throw outcome.error;
    if (data === undefined) throw signal.reason;
    return data;
  }

  function stopOnUnexpected(error: unknown): unknown {
    const journalError = journalWriteFailureIn(error);
    stop.request({
      kind: "fatal",
      message: journalError
        ? `the journal cannot be written (${journalError.code ?? journalError.message}); nothing more is sent without it`
        : `unexpected ${error instanceof Error ? error.name : typeof error}`,
    });
    return error;
  }

  async function journalOutcome(pending: PendingLine, outcome: LineOutcome): Promise<void> {
    const { line, hash } = pending;
    if (outcome.kind === "added") {
      await journal.append({ event: "done", line, hash, messageId: outcome.messageId, at: now() });
    } else if (outcome.kind === "failed") {
      const { name, message, status, mayHaveBeenAdded } = outcome.error;
      const error = { name, message, ...(status !== undefined && { status }) };
      await journal.append({ event: "failed", line, hash, error, mayHaveBeenAdded, at: now() });
    } else if (pending.isStarted) {
      // The stop came while the client waited to resend after a refused connection: the client
      // resends only what certainly was not added, so neither was this. (After a 429 the journal
      // already says so.)
      const error = { name: "Stopped", message: "the run stopped before this line was sent again" };
      await journal.append({ event: "failed", line, hash, error, mayHaveBeenAdded: false, at: now() });
    }
  }

  return {
    client: {
      options: client.options,
      async addInboundMessage(body) {
        const pending = pendingByBody.get(body);
        if (pending === undefined)
          throw new TypeError("journaled sender: a body that is not from pendingLine()");
        if (stop.isStopping) {
          throw new MessageSkippedError(
            { method: "POST", url: client.options.baseUrl, reason: "stopped" },
            { cause: STOPPED },
          );
        }
        pending.hasRun = true;
        running.add(pending);
        try {
          return await runLine(pending);
        } finally {
          running.delete(pending);
          pending.isOnWire = false;
        }
      },
    },
    pendingLine(record) {
      const pending: PendingLine = {
        ...record,
        waitController: new AbortController(),
        hasRun: false,
        isStarted: false,
        isOnWire: false,
      };
      pendingByBody.set(record.body, pending);
      return pending;
    },
  };
}
