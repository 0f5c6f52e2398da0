import { parse } from "csv-parse";
import {
  bodyFromRow,
  describeHeaderProblems,
  type FieldKind,
  fieldKindOf,
  forbiddenSegmentOf,
} from "./csv-fields.js";
import { type InputEncoding, readText } from "./input-encoding.js";
import { hashOfText, type InputRecord } from "./input-record.js";

/** A CSV file the parser could not read on (an unclosed quote...): no later row can be trusted. `line`: the last row read. */
export class CsvFormatError extends Error {
  override readonly name = "CsvFormatError" as const;
  constructor(
    readonly line: number,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the CSV cannot be read past line ${line} (${reason})`, options);
  }
}

/** A header row that names no field, or leaves out one every body needs: said once, before any row is read. */
export class CsvHeaderError extends CsvFormatError {
  constructor(problems: string) {
    super(1, "header");
    this.message = `${problems} (the spec's field names, e.g. type, contactId, message, call.to)`;
  }
}

interface ParsedRow {
  record: string[];
  /** Blank lines skipped so far (csv-parse counts them). */
  info: { empty_lines: number };
}

/**
 * The records of a CSV file, streamed, one per row after the header row. The header names the fields
 * (`call.to` for a nested one); a row whose width differs from the header's is a record with a
 * `readIssue`. Each record's hash covers the header too: renaming a column changes every body.
 */
export async function* readCsvRecords(
  path: string,
  encoding: InputEncoding = "utf-8",
): AsyncGenerator<InputRecord> {
  const rows = readText(path, encoding).pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }),
  );
  let headers: string[] | undefined;
  let kinds: FieldKind[] = [];
  // Line numbers are counted here: csv-parse's own count takes a CRLF inside a quoted cell for two lines.
  let rowsRead = 0;
  let lineBreaksInCells = 0;
  let line = 1;
  try {
    for await (const row of rows as AsyncIterable<ParsedRow>) {
      line = 1 + rowsRead + lineBreaksInCells + row.info.empty_lines;
      rowsRead += 1;
      for (const cell of row.record) lineBreaksInCells += countLineBreaks(cell);
      if (headers === undefined) {
        headers = row.record.map((header) => header.trim());
        // A column such as "__proto__.baseUrl" would write onto Object.prototype: refused outright.
        for (const header of headers) {
          const segment = forbiddenSegmentOf(header);
          if (segment !== undefined) {
            throw new CsvFormatError(line, `the header "${header}" names "${segment}", which no field has`);
          }
        }
        const problems = describeHeaderProblems(headers);
        if (problems !== undefined) throw new CsvHeaderError(problems);
        kinds = headers.map(fieldKindOf);
        continue;
      }
      const hash = hashOfText(JSON.stringify([headers, row.record]));
      if (row.record.length !== headers.length) {
        const message = `has ${row.record.length} cells, the header row has ${headers.length}`;
        yield { line, hash, body: undefined, readIssue: { path: "", message } };
        continue;
      }
      yield { line, hash, body: bodyFromRow(headers, kinds, row.record) };
    }
  } catch (error) {
    if (error instanceof CsvFormatError) throw error;
    const reason = (error as { code?: unknown }).code;
    throw new CsvFormatError(line, typeof reason === "string" ? reason : "parse error", { cause: error });
  }
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count++;
  return count;
}
