import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import type { ValidationIssue } from "@ghl-inbound/client";

/** What became of one input line in this run. */
export type LineStatus =
  /** Sent now and added: `messageId`. */
  | "added"
  /** Added in an earlier run, per the journal: not sent again. */
  | "already-added"
  /** Sent and refused, or failed on the way: `error`, with `mayHaveBeenAdded`. */
  | "failed"
  /** An earlier run sent it without learning the outcome: look it up by altId (or use --resend-unknown). */
  | "unknown"
  /** Breaks the spec: `issues`; never sent. */
  | "invalid"
  /** The run stopped (Ctrl-C, daily limit, an error for every line) before sending it. */
  | "not-sent"
  /** --dry-run: would be sent. */
  | "would-send";

export interface LineResult {
  line: number;
  altId?: string;
  status: LineStatus;
  messageId?: string;
  error?: { name: string; message: string; status?: number; mayHaveBeenAdded: boolean };
  issues?: readonly ValidationIssue[];
}

/** `--out`: one JSON line per input line, in the order outcomes are known. `-` is stdout. */
export class OutFile {
  private constructor(
    private readonly stream: Writable,
    private readonly isStdout: boolean,
  ) {}

  static async open(path: string): Promise<OutFile> {
    if (path === "-") return new OutFile(process.stdout, true);
    const stream = createWriteStream(path, { flags: "w" });
    await once(stream, "open");
    return new OutFile(stream, false);
  }

  async write(result: LineResult): Promise<void> {
    if (!this.stream.write(`${JSON.stringify(result)}\n`)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    if (this.isStdout) return;
    this.stream.end();
    await once(this.stream, "finish");
  }
}
