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
  /** "started" is in the journal. */
  isStarted: boolean;
  /** A request for it is out and its answer not yet read in full. */
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
 * `onOutcome` runs once per line taken up, after its outcome is journaled. A journal that cannot be
 * written stops the run (`stop`): no request leaves without its "started" record on disk.
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
      pending.isOnWire = true;
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
        const response = await fetch(request);
        // Read here, so that "on the wire" lasts until the whole answer is in: a stop never aborts a
        // request whose answer (an added message) is still arriving.
        const body = await response.arrayBuffer();
        const { status, statusText, headers } = response;
        return new Response(body.byteLength === 0 ? null : body, { status, statusText, headers });
      } finally {
        pending.isOnWire = false;
      }
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
    try {
      await journalOutcome(pending, outcome);
    } catch (error) {
      throw stopOnUnexpected(error);
    }
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
      // An earlier attempt of it was refused (a 429) and the stop came during the wait to resend it.
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
