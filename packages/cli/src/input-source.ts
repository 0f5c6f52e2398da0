import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { readCsvRecords } from "./csv-records.js";
import type { InputEncoding } from "./input-encoding.js";
import type { InputRecord } from "./input-record.js";
import { readJsonlRecords } from "./jsonl-records.js";

export type InputFormat = "jsonl" | "csv";

/** The input as a file that can be streamed twice (validate, then send). */
export interface InputSource {
  /** The file read: the input itself, or a temporary copy of stdin. */
  path: string;
  format: InputFormat;
  records(): AsyncGenerator<InputRecord>;
  /** Removes a temporary copy of stdin; nothing for a real file. */
  dispose(): Promise<void>;
}

/** `.csv` is CSV, anything else JSONL, unless `format` says otherwise (it must, for stdin). */
export function formatOf(path: string, format: InputFormat | undefined): InputFormat {
  return format ?? (extname(path).toLowerCase() === ".csv" ? "csv" : "jsonl");
}

/**
 * `-` reads stdin into a temporary file first: both passes need the same bytes, and the journal's
 * hashes then tell a re-run whether it was fed the same input.
 */
export async function openInputSource(
  input: string,
  format: InputFormat | undefined,
  stdin: NodeJS.ReadableStream = process.stdin,
  encoding: InputEncoding = "utf-8",
): Promise<InputSource> {
  const resolvedFormat = formatOf(input, format);
  const readRecords = resolvedFormat === "csv" ? readCsvRecords : readJsonlRecords;
  const read = (path: string) => readRecords(path, encoding);
  if (input !== "-") {
    return { path: input, format: resolvedFormat, records: () => read(input), dispose: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), "ghl-inbound-stdin-"));
  const path = join(dir, `stdin.${resolvedFormat}`);
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(stdin, createWriteStream(path));
  } catch (error) {
    await dispose();
    throw error;
  }
  return { path, format: resolvedFormat, records: () => read(path), dispose };
}
