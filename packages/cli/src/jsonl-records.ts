import { createInterface } from "node:readline";
import { type InputEncoding, readText } from "./input-encoding.js";
import { hashOfText, type InputRecord } from "./input-record.js";

/**
 * The records of a JSONL file, one per non-blank line, streamed: the file is never in memory whole.
 * A line that is not JSON is still a record (with `readIssue`), so it is reported by its number.
 */
export async function* readJsonlRecords(
  path: string,
  encoding: InputEncoding = "utf-8",
): AsyncGenerator<InputRecord> {
  const lines = createInterface({
    input: readText(path, encoding),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
    const hash = hashOfText(text);
    try {
      yield { line, hash, body: JSON.parse(text) as unknown };
    } catch (error) {
      yield { line, hash, body: undefined, readIssue: { path: "", message: describeJsonError(error) } };
    }
  }
}

/** V8's message quotes the text around the error; only the position is kept (the text may be private). */
function describeJsonError(error: unknown): string {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
  return position === undefined
    ? "is not valid JSON"
    : `is not valid JSON (at character ${Number(position) + 1})`;
}
