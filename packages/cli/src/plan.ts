// The first pass: every line read and validated against the spec, and set against the journal,
// before anything is sent. Streams the input once; keeps counts, not lines.
import { type ValidationIssue, validateInboundMessage } from "@ghl-inbound/client";
import { CsvFormatError } from "./csv-records.js";
import { altIdOf, type InputRecord } from "./input-record.js";
import type { LineStates } from "./line-states.js";
import type { OutFile } from "./out-file.js";

export interface Plan {
  /** Records read (blank lines and a CSV header are not records). */
  records: number;
  invalid: number;
  /** Added in an earlier run. */
  alreadyAdded: number;
  /** Sent earlier without a known outcome, and not to be resent (no --resend-unknown). */
  unknown: number;
  /** Valid, and new or safe to resend (or unknown, with --resend-unknown). */
  toSend: number;
  /** Of `toSend`: unknown lines resent because of --resend-unknown (each may be added twice). */
  unknownResent: number;
  /** Lines the journal knows by another text: the input changed since it was written. */
  changed: number;
  /** Why the rest of the file could not be read (a CSV with an unclosed quote...), if it could not. */
  unreadable?: string;
  /** The caller's signal aborted the check before the end of the file. */
  isInterrupted?: boolean;
}

export interface PlanOptions {
  skipInvalid: boolean;
  resendUnknown: boolean;
  /** Gets each invalid line; the report names the line and each field at fault. */
  onInvalid(line: number, altId: string | undefined, issues: readonly ValidationIssue[]): void;
  onUnknown(line: number, altId: string | undefined): void;
  onChanged(line: number): void;
  /** With --out: invalid lines are written here when they block the run (no second pass). */
  out: OutFile | undefined;
  /** Stops the check (Ctrl-C during a long file): nothing has been sent yet. */
  signal: AbortSignal | undefined;
}

/** The spec's issues with a record, or those found reading it (bad JSON, a short CSV row). */
export function issuesOf(record: InputRecord): readonly ValidationIssue[] {
  return record.readIssue ? [record.readIssue] : validateInboundMessage(record.body).issues;
}

/** Whether the journal says a line was sent without a known outcome. */
export function isUnknownState(state: string): boolean {
  return state === "started" || state === "failedMayHaveBeenAdded";
}

/**
 * What to do with a record, from the record and the journal: the one place this is decided, for the
 * check (planRun) and for the send (runSendPass).
 */
export type Disposition =
  /** The journal knows the line by another text: the input changed since it was written. */
  | { kind: "changed" }
  | { kind: "invalid"; issues: readonly ValidationIssue[] }
  | { kind: "already-added" }
  /** Sent by an earlier run without a known outcome, and not to be resent (no --resend-unknown). */
  | { kind: "unknown" }
  /** New, refused before (safe to resend), or unknown with --resend-unknown (`wasUnknown`: may be added twice). */
  | { kind: "to-send"; wasUnknown?: boolean };

export function dispositionOf(
  record: InputRecord,
  states: LineStates,
  options: { resendUnknown: boolean },
): Disposition {
  if (states.isChanged(record.line, record.hash)) return { kind: "changed" };
  const issues = issuesOf(record);
  if (issues.length > 0) return { kind: "invalid", issues };
  const state = states.stateOf(record.line);
  if (state === "done") return { kind: "already-added" };
  if (isUnknownState(state))
    return options.resendUnknown ? { kind: "to-send", wasUnknown: true } : { kind: "unknown" };
  return { kind: "to-send" };
}

export async function planRun(
  records: AsyncIterable<InputRecord>,
  states: LineStates,
  options: PlanOptions,
): Promise<Plan> {
  const plan: Plan = {
    records: 0,
    invalid: 0,
    alreadyAdded: 0,
    unknown: 0,
    toSend: 0,
    unknownResent: 0,
    changed: 0,
  };
  let previousLine = 0;
  const checkUnread = (fromLine: number, toLine: number) => {
    // A line the journal knows that is no record now (blank, or past the end): the input changed.
    for (let line = fromLine; line <= toLine; line++) {
      if (states.stateOf(line) === "new") continue;
      plan.changed += 1;
      options.onChanged(line);
    }
  };
  try {
    for await (const record of records) {
      if (options.signal?.aborted) {
        plan.isInterrupted = true;
        return plan;
      }
      await planRecord(record);
    }
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error;
    plan.unreadable = error.message;
    return plan;
  }
  checkUnread(previousLine + 1, states.lastLine);
  return plan;

  async function planRecord(record: InputRecord): Promise<void> {
    plan.records += 1;
    checkUnread(previousLine + 1, record.line - 1);
    previousLine = record.line;
    const altId = altIdOf(record.body);
    const disposition = dispositionOf(record, states, options);
    switch (disposition.kind) {
      case "changed":
        plan.changed += 1;
        options.onChanged(record.line);
        break;
      case "invalid":
        plan.invalid += 1;
        options.onInvalid(record.line, altId, disposition.issues);
        if (!options.skipInvalid) {
          await options.out?.write({
            line: record.line,
            altId,
            status: "invalid",
            issues: disposition.issues,
          });
        }
        break;
      case "already-added":
        plan.alreadyAdded += 1;
        break;
      case "unknown":
        plan.unknown += 1;
        options.onUnknown(record.line, altId);
        break;
      case "to-send":
        plan.toSend += 1;
        if (disposition.wasUnknown) {
          plan.unknownResent += 1;
          options.onUnknown(record.line, altId);
        }
        break;
    }
  }
}
