// What the run tells its user on stderr, in plain words. Long lists are cut: --out has every line.
import type { Writable } from "node:stream";
import type { ValidationIssue } from "@ghl-inbound/client";
import { describeResumeTime } from "./daily-limit.js";
import { formatDuration } from "./duration.js";
import type { Plan } from "./plan.js";
import type { SendCounts } from "./send-pass.js";
import type { RunStop } from "./stop.js";

/** Lines listed per kind (invalid, unknown, failed...) before "and N more". */
const MAX_LISTED = 20;

export class Report {
  private readonly listed = new Map<string, number>();
  private readonly held = new Map<string, { heading: string; items: string[]; count: number }>();

  constructor(private readonly stream: Writable) {}

  line(text: string): void {
    this.stream.write(`${text}\n`);
  }

  /** One entry of a list, printed while fewer than MAX_LISTED of its kind were; counted after that. */
  listItem(kind: string, heading: string, text: string): void {
    const count = (this.listed.get(kind) ?? 0) + 1;
    this.listed.set(kind, count);
    if (count === 1) this.line(heading);
    if (count <= MAX_LISTED) this.line(`  ${text}`);
  }

  /** "and N more" under each list that was cut. */
  endLists(): void {
    for (const [kind, count] of this.listed) this.moreLine(kind, count);
    this.listed.clear();
  }

  /** Like listItem, for a list printed later (printHeld): while a progress bar is drawn, nothing else may write. */
  holdItem(kind: string, heading: string, text: string): void {
    const list = this.held.get(kind) ?? { heading, items: [], count: 0 };
    list.count += 1;
    if (list.count <= MAX_LISTED) list.items.push(text);
    this.held.set(kind, list);
  }

  printHeld(): void {
    for (const [kind, { heading, items, count }] of this.held) {
      this.line(heading);
      for (const item of items) this.line(`  ${item}`);
      this.moreLine(kind, count);
    }
    this.held.clear();
  }

  private moreLine(kind: string, count: number): void {
    if (count > MAX_LISTED)
      this.line(`  ... and ${count - MAX_LISTED} more ${kind} (--out FILE lists every line)`);
  }
}

/** "1 line", "2 lines": the one place a count of lines is worded. */
export function lineCount(count: number): string {
  return `${count} ${count === 1 ? "line" : "lines"}`;
}

export function describeLine(line: number, altId: string | undefined): string {
  return altId === undefined ? `line ${line}` : `line ${line} (altId ${altId})`;
}

export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path || "(line)"} ${issue.message}`).join("; ");
}

export function describePlan(plan: Plan): string {
  const parts = [
    plan.unknownResent > 0
      ? `${plan.toSend} to send, of which ${plan.unknownResent} unknown resent (--resend-unknown: each one an earlier run added is added twice)`
      : `${plan.toSend} to send`,
  ];
  if (plan.alreadyAdded > 0) parts.push(`${plan.alreadyAdded} already added by an earlier run (skipped)`);
  if (plan.unknown > 0) parts.push(`${plan.unknown} unknown (not resent)`);
  if (plan.invalid > 0) parts.push(`${plan.invalid} invalid (skipped)`);
  return `${lineCount(plan.records)}: ${parts.join(", ")}.`;
}

export function describeCounts(counts: SendCounts, elapsedMs: number): string {
  const failedNote =
    counts.failedMayHaveBeenAdded > 0
      ? ` (${counts.failedMayHaveBeenAdded} of them may have been added)`
      : "";
  return (
    `Sent ${counts.added}, failed ${counts.failed}${failedNote}, skipped ${counts.alreadyAdded} already added, ` +
    `unknown ${counts.unknown}, invalid ${counts.invalid}, not sent ${counts.notSent}; elapsed ${formatDuration(elapsedMs)}.`
  );
}

/** Why the run stopped early and what to do next, one paragraph per reason. */
export function describeStops(stop: RunStop): string[] {
  return stop.reasons.map((reason) => {
    switch (reason.kind) {
      case "interrupted":
        return "Interrupted: requests in flight were finished and journaled. Re-run the same command to resume.";
      case "daily-limit":
        return `HighLevel's daily limit is reached (X-RateLimit-Daily-Remaining: 0): stopped taking lines, finished and journaled the requests in flight. ${describeResumeTime(reason.retryAfterMs, reason.at)}.`;
      case "fatal":
        return `Stopped: ${reason.message}. Requests in flight were finished and journaled; fix this, then re-run the same command to resume.`;
      default:
        return "Stopped.";
    }
  });
}

export function describeNextSteps(counts: SendCounts, journalPath: string): string[] {
  const steps: string[] = [];
  const resendable = counts.failed - counts.failedMayHaveBeenAdded + counts.notSent;
  if (resendable > 0) {
    steps.push(
      `${lineCount(resendable)} ${resendable === 1 ? "was" : "were"} certainly not added: a re-run sends ${resendable === 1 ? "it" : "them"} (journal: ${journalPath}).`,
    );
  }
  const unsure = counts.unknown + counts.failedMayHaveBeenAdded;
  if (unsure > 0) {
    steps.push(
      `${lineCount(unsure)} may have been added without an answer: look ${unsure === 1 ? "it" : "them"} up by altId in HighLevel; a re-run does not ` +
        "resend them unless given --resend-unknown (which can duplicate those that were added).",
    );
  }
  return steps;
}
