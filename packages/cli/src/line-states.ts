/** Where a line stands according to the journal. */
export type LineState =
  | "new" // no record: never sent
  | "started" // a request left, no outcome recorded: it may have been added
  | "done" // added; the journal has its messageId
  | "failed" // failed and certainly not added: safe to send again
  | "failedMayHaveBeenAdded"; // failed after it may have been added (5xx, timeout): like "started"

const STATE_CODES: readonly LineState[] = ["new", "started", "done", "failed", "failedMayHaveBeenAdded"];

/**
 * The journal's last word on each line, in typed arrays indexed by line number (a byte of state and
 * 8 bytes of hash per line) rather than one object per line: resuming a million-line backfill needs
 * about 9 MB for it.
 */
export class LineStates {
  private states = new Uint8Array(1024);
  private hashes = new Uint32Array(2048);
  private highestLine = 0;
  private readonly messageIds: Map<number, string> | undefined;

  /** `keepMessageIds`: remember each done line's messageId (for `--out`), at a few dozen bytes a line. */
  constructor(keepMessageIds = false) {
    this.messageIds = keepMessageIds ? new Map() : undefined;
  }

  /** The highest line number the journal mentions. */
  get lastLine(): number {
    return this.highestLine;
  }

  set(line: number, state: LineState, hash: string, messageId?: string): void {
    this.grow(line);
    this.states[line] = STATE_CODES.indexOf(state);
    this.hashes[line * 2] = Number.parseInt(hash.slice(0, 8), 16);
    this.hashes[line * 2 + 1] = Number.parseInt(hash.slice(8, 16), 16);
    this.highestLine = Math.max(this.highestLine, line);
    if (state === "done" && messageId !== undefined) this.messageIds?.set(line, messageId);
  }

  stateOf(line: number): LineState {
    return STATE_CODES[this.states[line] ?? 0] ?? "new";
  }

  /** Whether the journal knows `line` by another text than `hash`: the input changed under it. */
  isChanged(line: number, hash: string): boolean {
    if (this.stateOf(line) === "new") return false;
    const high = Number.parseInt(hash.slice(0, 8), 16);
    const low = Number.parseInt(hash.slice(8, 16), 16);
    return this.hashes[line * 2] !== high || this.hashes[line * 2 + 1] !== low;
  }

  messageIdOf(line: number): string | undefined {
    return this.messageIds?.get(line);
  }

  private grow(line: number): void {
    if (line < this.states.length) return;
    let size = this.states.length;
    while (size <= line) size *= 2;
    const states = new Uint8Array(size);
    states.set(this.states);
    const hashes = new Uint32Array(size * 2);
    hashes.set(this.hashes);
    this.states = states;
    this.hashes = hashes;
  }
}
