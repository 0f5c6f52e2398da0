import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { bodyFromRow, type FieldKind, fieldKindOf } from "./csv-fields.js";
import { hashOfText, type InputRecord } from "./input-record.js";

/** A CSV file the parser could not read on (an unclosed quote...): no later row can be trusted. */
export class CsvFormatError extends Error {
  override readonly name = "CsvFormatError" as const;
  constructor(
    readonly line: number,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`line ${line}: the CSV cannot be read on (${reason})`, options);
  }
}

interface ParsedRow {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * The records of a CSV file, streamed, one per row after the header row. The header names the fields
 * (`call.to` for a nested one); a row whose width differs from the header's is a record with a
 * `readIssue`. Each record's hash covers the header too: renaming a column changes every body.
 */
export async function* readCsvRecords(path: string): AsyncGenerator<InputRecord> {
  const rows = createReadStream(path).pipe(
    parse({ bom: true, info: true, raw: true, skip_empty_lines: true, relax_column_count: true }),
  );
  let headers: string[] | undefined;
  let kinds: FieldKind[] = [];
  let headerText = "";
  let lastLine = 0;
  try {
    for await (const row of rows as AsyncIterable<ParsedRow>) {
      const text = row.raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
      const line = row.info.lines - (text.match(/\n/g)?.length ?? 0);
      lastLine = row.info.lines;
      if (headers === undefined) {
        headers = row.record.map((header) => header.trim());
        kinds = headers.map(fieldKindOf);
        headerText = text;
        continue;
      }
      const hash = hashOfText(`${headerText}\n${text}`);
      if (row.record.length !== headers.length) {
        const message = `has ${row.record.length} cells, the header row has ${headers.length}`;
        yield { line, hash, body: undefined, readIssue: { path: "", message } };
        continue;
      }
      yield { line, hash, body: bodyFromRow(headers, kinds, row.record) };
    }
  } catch (error) {
    const reason = (error as { code?: unknown }).code;
    throw new CsvFormatError(lastLine + 1, typeof reason === "string" ? reason : "parse error", {
      cause: error,
    });
  }
}
