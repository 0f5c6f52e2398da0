import { createHash } from "node:crypto";
import type { ValidationIssue } from "@ghl-inbound/client";

/**
 * One message of the input, as read: where it starts, a hash of its text (so a journal can tell that
 * the input changed under it) and the body, or why no body could be read from it.
 */
export interface InputRecord {
  /** 1-based line where the record starts in the input file. */
  line: number;
  /** 16 hex digits of SHA-256 over the record's text. */
  hash: string;
  /** The parsed body; validated later, against the spec. */
  body: unknown;
  /** Set when the text could not be read as a body at all (bad JSON, a CSV row of the wrong width). */
  readIssue?: ValidationIssue;
}

export function hashOfText(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** `altId` of a body, when it has a string one: the user's handle to look a message up by. */
export function altIdOf(body: unknown): string | undefined {
  const altId = (body as { altId?: unknown } | null)?.altId;
  return typeof altId === "string" ? altId : undefined;
}
