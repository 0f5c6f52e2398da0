// The journal: one JSON line per event, appended and fsynced before the run moves on, so that a
// process killed at any instant (SIGKILL, power loss) leaves a file that says, for every line, whether
// it was never sent, sent without a known outcome, added, or refused.
import { createReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { LineStates } from "./line-states.js";

/** What a failed line's record keeps of its error: never the body, never the token. */
export interface JournaledError {
  name: string;
  message: string;
  status?: number;
}

export type JournalRecord =
  | { event: "run"; at: string; input: string }
  /** Written (and fsynced) before the line's first request leaves the process. */
  | { event: "started"; line: number; hash: string; altId?: string; at: string }
  | { event: "done"; line: number; hash: string; messageId: string; at: string }
  | {
      event: "failed";
      line: number;
      hash: string;
      error: JournaledError;
      mayHaveBeenAdded: boolean;
      at: string;
    };

export interface LoadedJournal {
  states: LineStates;
  /** Lines that are not JSON records: the torn last write of a killed run, which is safe to ignore. */
  unreadableLines: number;
}

/**
 * Reads a journal, streamed, into the last state of each line. A record that cannot be read is
 * skipped: it can only be a write cut short by a kill, and a cut "started" means its request never
 * left (the request waits for the fsync), a cut outcome leaves the line "started", i.e. unknown.
 */
export async function readJournal(
  path: string,
  options: { keepMessageIds: boolean },
): Promise<LoadedJournal> {
  const states = new LineStates(options.keepMessageIds);
  let unreadableLines = 0;
  let input: ReturnType<typeof createReadStream>;
  try {
    input = await openForReading(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return { states, unreadableLines };
    throw error;
  }
  for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (text.trim() === "") continue;
    const record = parseRecord(text);
    if (record === undefined) {
      unreadableLines += 1;
      continue;
    }
    switch (record.event) {
      case "started":
        states.set(record.line, "started", record.hash);
        break;
      case "done":
        states.set(record.line, "done", record.hash, record.messageId);
        break;
      case "failed":
        states.set(record.line, record.mayHaveBeenAdded ? "failedMayHaveBeenAdded" : "failed", record.hash);
        break;
      default:
        break;
    }
  }
  return { states, unreadableLines };
}

function openForReading(path: string): Promise<ReturnType<typeof createReadStream>> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, "utf8");
    stream.once("open", () => resolve(stream));
    stream.once("error", reject);
  });
}

function parseRecord(text: string): JournalRecord | undefined {
  try {
    const record = JSON.parse(text) as Partial<JournalRecord> | null;
    if (record === null || typeof record !== "object" || typeof record.event !== "string") return undefined;
    if (record.event === "run") return record as JournalRecord;
    const { line, hash } = record as { line?: unknown; hash?: unknown };
    if (!Number.isSafeInteger(line) || (line as number) < 1 || typeof hash !== "string") return undefined;
    return record as JournalRecord;
  } catch {
    return undefined;
  }
}

/** The offset just after the last "\n" of the file (0 when there is none), read backwards in blocks. */
async function endOfLastCompleteLine(handle: FileHandle, size: number): Promise<number> {
  const block = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - block.length);
    const { bytesRead } = await handle.read(block, 0, end - start, start);
    const newline = block.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline !== -1) return start + newline + 1;
    end = start;
  }
  return 0;
}

/** The journal could not be written: the run must stop, since no request may leave unrecorded. */
export class JournalWriteError extends Error {
  override readonly name = "JournalWriteError" as const;
  /** The system error code (ENOSPC, EIO...), when there is one. */
  readonly code: string | undefined;

  constructor(options: { cause: unknown }) {
    const code = (options.cause as { code?: unknown } | null)?.code;
    super(`the journal could not be written${typeof code === "string" ? ` (${code})` : ""}`, options);
    this.code = typeof code === "string" ? code : undefined;
  }
}

/**
 * Appends records and resolves each `append` only once its bytes are on disk (fdatasync). Records
 * that arrive while a write is under way go out together in the next write and sync (a group
 * commit), so many lines in flight cost one sync, not one each.
 */
export class JournalWriter {
  private pending: { text: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;

  private constructor(private readonly handle: FileHandle) {}

  /**
   * Opens `path` for appending. A torn last record (a killed run's write cut short) is cut off first:
   * it was never complete, so nothing acted on it, and the file stays valid JSONL.
   */
  static async open(path: string): Promise<JournalWriter> {
    const handle = await open(path, "a+");
    const { size } = await handle.stat();
    const end = await endOfLastCompleteLine(handle, size);
    if (end < size) {
      await handle.truncate(end);
      await handle.datasync();
    }
    return new JournalWriter(handle);
  }

  append(record: JournalRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ text: `${JSON.stringify(record)}\n`, resolve, reject });
      if (this.flushing === undefined) this.flush();
    });
  }

  /** Waits for every record appended so far to be on disk, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
    await this.handle.close();
  }

  private flush(): void {
    this.flushing = (async () => {
      // One turn of the event loop first: appends made by lanes resuming together join this write.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.handle.write(batch.map((entry) => entry.text).join(""));
          await this.handle.datasync();
          for (const entry of batch) entry.resolve();
        } catch (error) {
          const failure = new JournalWriteError({ cause: error });
          for (const entry of batch) entry.reject(failure);
        }
      }
      this.flushing = undefined;
    })();
  }
}
