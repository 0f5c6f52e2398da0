// The input's text encoding. UTF-8 unless told otherwise, and then checked: a Latin-1 export read as
// UTF-8 would be sent with every accented letter replaced by U+FFFD, which cannot be undone.
import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";

/** The encodings `--encoding` takes: UTF-8 and what legacy exports use. */
export const INPUT_ENCODINGS = ["utf-8", "windows-1252", "latin1", "utf-16le"] as const;
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

const ALIASES: Readonly<Record<string, InputEncoding>> = {
  utf8: "utf-8",
  "utf-8": "utf-8",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  latin1: "latin1",
  "iso-8859-1": "latin1",
  "utf-16le": "utf-16le",
  utf16le: "utf-16le",
};

/** `--encoding`'s value, or undefined when it is not one of INPUT_ENCODINGS (or an alias). */
export function parseEncoding(text: string): InputEncoding | undefined {
  return ALIASES[text.trim().toLowerCase()];
}

/** The most invalid lines named in one message. */
const MAX_LISTED = 20;

/**
 * Why a file cannot be read as UTF-8, or undefined when it can: the first lines (1-based) that are
 * not valid UTF-8, or a UTF-16 byte-order mark. A UTF-8 byte-order mark is fine.
 */
export async function utf8Problem(path: string): Promise<string | undefined> {
  const badLines: number[] = [];
  let line = 1;
  let rest: Buffer = Buffer.alloc(0);
  let isFirstChunk = true;
  for await (const chunk of createReadStream(path)) {
    let bytes: Buffer = rest.length === 0 ? (chunk as Buffer) : Buffer.concat([rest, chunk as Buffer]);
    if (isFirstChunk) {
      isFirstChunk = false;
      if (bytes[0] === 0xff && bytes[1] === 0xfe) {
        return "it starts with a UTF-16LE byte-order mark: pass --encoding utf-16le";
      }
    }
    for (let newline = bytes.indexOf(0x0a); newline !== -1; newline = bytes.indexOf(0x0a)) {
      if (!isUtf8(bytes.subarray(0, newline))) badLines.push(line);
      if (badLines.length >= MAX_LISTED) return describe(badLines);
      line += 1;
      bytes = bytes.subarray(newline + 1);
    }
    rest = Buffer.from(bytes);
  }
  if (rest.length > 0 && !isUtf8(rest)) badLines.push(line);
  return badLines.length === 0 ? undefined : describe(badLines);
}

function describe(lines: readonly number[]): string {
  const listed = lines.join(", ");
  return (
    `${lines.length > 1 ? "lines" : "line"} ${listed}${lines.length >= MAX_LISTED ? "..." : ""} ` +
    `${lines.length > 1 ? "are" : "is"} not valid UTF-8. If the file was exported as Latin-1 or Windows-1252, pass --encoding windows-1252 " +
    "(or latin1, utf-16le)`
  );
}

/** The file's text, streamed and decoded: what the JSONL and CSV readers parse. */
export function readText(path: string, encoding: InputEncoding = "utf-8"): Readable {
  if (encoding === "utf-8") return createReadStream(path, "utf8");
  return Readable.from(decode(path, encoding));
}

async function* decode(path: string, encoding: InputEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of createReadStream(path)) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text !== "") yield text;
  }
  const last = decoder.decode();
  if (last !== "") yield last;
}
