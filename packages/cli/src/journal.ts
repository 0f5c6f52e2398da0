// The journal: one JSON line per event, appended and fsynced before the run moves on, so that a
// process killed at any instant (SIGKILL, power loss) leaves a file that says, for every line, whether
// it was never sent, sent without a known outcome, added, or refused. Each record carries its
// sequence number and a checksum: a torn last record (a killed run) is told apart from a journal
// cut, edited or damaged anywhere else, which can no longer say what was sent.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { dirname } from "node:path";
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
  /** 1 when the last record was torn by a killed run (and is ignored), else 0. */
  unreadableLines: number;
  /** The sequence number of the last whole record (0 for a new journal): the writer goes on from it. */
  lastSeq: number;
  /** The bytes up to the end of that record: the writer cuts off whatever follows (an unreadable last line). */
  wholeBytes: number;
}

/** The journal cannot be trusted to say what was sent: the run must not go on from it. */
export class JournalDamagedError extends Error {
  override readonly name = "JournalDamagedError" as const;
  constructor(
    readonly journal: string,
    readonly fileLine: number,
    readonly problem: string,
  ) {
    super(
      `the journal ${journal} is damaged at its line ${fileLine} (${problem}), so it cannot say which lines ` +
        "were sent. Nothing was sent. Restore the journal from a copy; or, to start over, move it aside and " +
        "run with a new --journal, after removing from the input the lines an earlier run added (look them " +
        "up by altId): they would be added again.",
    );
  }
}

const SUM = /,"sum":"([0-9a-f]{16})"\}$/;

function checksumOf(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** A record as its journal line: `{"seq":N,...,"sum":"<16 hex of SHA-256 over the line without sum>"}`. */
export function formatRecord(seq: number, record: JournalRecord): string {
  const head = JSON.stringify({ seq, ...record });
  return `${head.slice(0, -1)},"sum":"${checksumOf(head)}"}\n`;
}

/** The record of a line whose checksum holds, with its sequence number; else why not. */
function parseLine(text: string): { seq: number; record: JournalRecord } | { problem: string } {
  const match = SUM.exec(text);
  if (match === null) return { problem: "not a journal record" };
  const head = `${text.slice(0, match.index)}}`;
  if (checksumOf(head) !== match[1]) return { problem: "its checksum does not match" };
  try {
    const { seq, ...record } = JSON.parse(head) as { seq: unknown } & JournalRecord;
    if (!Number.isSafeInteger(seq)) return { problem: "no sequence number" };
    if (record.event !== "run") {
      const { line, hash } = record as { line?: unknown; hash?: unknown };
      if (!Number.isSafeInteger(line) || (line as number) < 1 || typeof hash !== "string") {
        return { problem: "not a journal record" };
      }
    }
    return { seq: seq as number, record };
  } catch {
    return { problem: "not a journal record" };
  }
}

/** The file's lines, streamed, and what follows the last "\n" (a torn write when not empty). */
async function* linesOf(path: string): AsyncGenerator<{ text: string; isWhole: boolean }> {
  let rest = "";
  for await (const chunk of createReadStream(path, "utf8")) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop() ?? "";
    for (const text of lines) yield { text, isWhole: true };
  }
  if (rest !== "") yield { text: rest, isWhole: false };
}

/**
 * Reads a journal, streamed, into the last state of each line. A torn last record is ignored: it can
 * only be a write cut short by a kill, and a cut "started" means its request never left (the request
 * waits for the fsync), a cut outcome leaves the line "started", i.e. unknown. Anything else that
 * does not read (a bad checksum, a missing sequence number, a record after an unreadable one) throws
 * JournalDamagedError.
 */
export async function readJournal(
  path: string,
  options: { keepMessageIds: boolean },
): Promise<LoadedJournal> {
  const states = new LineStates(options.keepMessageIds);
  let lastSeq = 0;
  let wholeBytes = 0;
  let fileLine = 0;
  let unreadable: { fileLine: number; problem: string } | undefined;
  try {
    for await (const { text, isWhole } of linesOf(path)) {
      fileLine += 1;
      if (unreadable !== undefined)
        throw new JournalDamagedError(path, unreadable.fileLine, unreadable.problem);
      const parsed = parseLine(text);
      if ("problem" in parsed) {
        unreadable = { fileLine, problem: parsed.problem };
        continue;
      }
      if (!isWhole) {
        // A whole record, but its "\n" never reached the disk: its write, and so its fsync, did not end.
        unreadable = { fileLine, problem: "cut short" };
        continue;
      }
      if (parsed.seq !== lastSeq + 1) {
        throw new JournalDamagedError(
          path,
          fileLine,
          parsed.seq > lastSeq + 1
            ? `record ${lastSeq + 1}${parsed.seq > lastSeq + 2 ? ` to ${parsed.seq - 1}` : ""} missing`
            : `record ${parsed.seq} out of order`,
        );
      }
      lastSeq = parsed.seq;
      wholeBytes += Buffer.byteLength(text) + 1;
      apply(states, parsed.record);
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") {
      return { states, unreadableLines: 0, lastSeq: 0, wholeBytes: 0 };
    }
    throw error;
  }
  return { states, unreadableLines: unreadable === undefined ? 0 : 1, lastSeq, wholeBytes };
}

function apply(states: LineStates, record: JournalRecord): void {
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

  constructor(options: { cause: unknown; reason?: string }) {
    const code = (options.cause as { code?: unknown } | null)?.code;
    const reason = options.reason ?? (typeof code === "string" ? code : undefined);
    super(`the journal could not be written${reason === undefined ? "" : ` (${reason})`}`, {
      cause: options.cause,
    });
    this.code = typeof code === "string" ? code : undefined;
  }
}

/**
 * Appends records and resolves each `append` only once its bytes are on disk (fdatasync). Records
 * that arrive while a write is under way go out together in the next write and sync (a group
 * commit), so many lines in flight cost one sync, not one each.
 *
 * A write or sync that fails (a full disk, an I/O error) cuts the batch back off the file, rejects
 * it, and every later append: the caller sends nothing whose record is not on disk.
 */
export class JournalWriter {
  private pending: { text: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private failure: JournalWriteError | undefined;

  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
    private readonly inode: number,
    /** Bytes known to be on disk: where the next record goes, and where a failed batch is cut back to. */
    private size: number,
    private seq: number,
  ) {}

  /**
   * Opens `path` for appending after record `lastSeq`, which ends at byte `wholeBytes` (readJournal's;
   * without it, at the last "\n"). What follows, a torn or unreadable last record, is cut off first: it
   * was never complete, so nothing acted on it. A new journal's directory is synced, so that the file
   * itself survives a power loss.
   */
  static async open(path: string, lastSeq = 0, wholeBytes?: number): Promise<JournalWriter> {
    let handle: FileHandle;
    try {
      handle = await open(path, "r+");
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ENOENT") throw error;
      handle = await open(path, "wx+");
      await syncDirectory(dirname(path));
    }
    const { size, ino } = await handle.stat();
    const end = Math.min(size, wholeBytes ?? (await endOfLastCompleteLine(handle, size)));
    if (end < size) {
      await handle.truncate(end);
      await handle.datasync();
    }
    return new JournalWriter(handle, path, ino, end, lastSeq);
  }

  append(record: JournalRecord): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.seq += 1;
      this.pending.push({ text: formatRecord(this.seq, record), resolve, reject });
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
        if (this.failure === undefined) {
          try {
            await this.writeBatch(Buffer.from(batch.map((entry) => entry.text).join("")));
            for (const entry of batch) entry.resolve();
            continue;
          } catch (error) {
            this.failure =
              error instanceof JournalWriteError ? error : new JournalWriteError({ cause: error });
            // Best effort: the file ends at the last record known to be on disk.
            await this.handle.truncate(this.size).catch(() => {});
            await this.handle.datasync().catch(() => {});
          }
        }
        for (const entry of batch) entry.reject(this.failure);
      }
      this.flushing = undefined;
    })();
  }

  /** Every byte at its offset (a short write is continued), then fdatasync. */
  private async writeBatch(bytes: Buffer): Promise<void> {
    await this.checkStillOurs();
    for (let offset = 0; offset < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(
        bytes,
        offset,
        bytes.length - offset,
        this.size + offset,
      );
      if (bytesWritten <= 0) throw new JournalWriteError({ cause: undefined, reason: "no byte written" });
      offset += bytesWritten;
    }
    await this.handle.datasync();
    this.size += bytes.length;
  }

  /**
   * The journal deleted, replaced or cut during the run would leave the next run without the records
   * of this one: it would send their lines again. Checked before each group commit.
   */
  private async checkStillOurs(): Promise<void> {
    const onDisk = await stat(this.path).catch(() => undefined);
    const problem =
      onDisk === undefined || onDisk.ino !== this.inode
        ? "it was deleted or replaced during the run"
        : (await this.handle.stat()).size !== this.size
          ? "something else changed it during the run"
          : undefined;
    if (problem !== undefined) throw new JournalWriteError({ cause: undefined, reason: problem });
  }
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, "r");
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
