// Why a run stops taking lines before the end of the input, and the one switch every part checks.

export type StopReason =
  /** SIGINT or SIGTERM (or the caller's signal). */
  | { kind: "interrupted" }
  /** HighLevel's daily budget is spent; `retryAfterMs` when a 429 said when to come back. */
  | { kind: "daily-limit"; retryAfterMs: number | undefined; at: Date }
  /** A failure that every following line would hit too: a refused token, Redis away, HighLevel unreachable. */
  | { kind: "fatal"; message: string };

/**
 * The stop switch. `request()` flips it once per reason (the first of each kind is kept) and tells
 * the listeners, which abort the lines still waiting for a slot; lines whose request is on the wire
 * are left to finish and be journaled.
 */
export class StopSwitch {
  private readonly reasons: StopReason[] = [];
  private readonly listeners: (() => void)[] = [];

  get isStopping(): boolean {
    return this.reasons.length > 0;
  }

  get all(): readonly StopReason[] {
    return this.reasons;
  }

  find<Kind extends StopReason["kind"]>(kind: Kind): Extract<StopReason, { kind: Kind }> | undefined {
    return this.reasons.find((reason) => reason.kind === kind) as
      | Extract<StopReason, { kind: Kind }>
      | undefined;
  }

  request(reason: StopReason): void {
    if (this.find(reason.kind) !== undefined) return;
    this.reasons.push(reason);
    for (const listener of this.listeners) listener();
  }

  onStop(listener: () => void): void {
    this.listeners.push(listener);
  }
}
