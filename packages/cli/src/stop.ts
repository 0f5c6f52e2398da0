// Why a run stops taking lines before the end of the input, and the one signal every part checks.
import { setMaxListeners } from "node:events";
import { HIGHLEVEL_BURST_LIMIT } from "@ghl-inbound/limiter";

export type StopReason =
  /** SIGINT or SIGTERM (or the caller's signal). */
  | { kind: "interrupted" }
  /** HighLevel's daily budget is spent; `retryAfterMs` when a 429 said when to come back. */
  | { kind: "daily-limit"; retryAfterMs: number | undefined; at: Date }
  /** A failure that every following line would hit too: a refused token, Redis away, HighLevel unreachable. */
  | { kind: "fatal"; message: string };

/**
 * A run's stop. `signal` aborts at the first `request(reason)`, with that reason: the send pass starts no
 * more lines, and lines waiting for a slot or a resend are taken back (journaled-client.ts); requests
 * on the wire are left to finish and be journaled. A later reason of another kind does not change the
 * signal but is kept too, the first of each kind, so that the report says every one (a Ctrl-C after the
 * daily limit still says when HighLevel accepts requests again).
 */
export class RunStop {
  private readonly controller = new AbortController();
  private readonly kept: StopReason[] = [];
  readonly signal: AbortSignal = this.controller.signal;

  constructor() {
    // Each lane listens while its line waits: at most one burst's worth of lanes (MAX_CONCURRENCY).
    setMaxListeners(HIGHLEVEL_BURST_LIMIT + 1, this.signal);
  }

  /** The first reason of each kind, in the order they came. */
  get reasons(): readonly StopReason[] {
    return this.kept;
  }

  has(kind: StopReason["kind"]): boolean {
    return this.kept.some((reason) => reason.kind === kind);
  }

  request(reason: StopReason): void {
    if (!this.has(reason.kind)) this.kept.push(reason);
    this.controller.abort(reason);
  }
}

/** The stop for a failure nothing foresaw, named by the error's class alone, as the report shows it. */
export function unexpectedFailure(error: unknown): StopReason {
  return { kind: "fatal", message: `unexpected ${error instanceof Error ? error.name : typeof error}` };
}
