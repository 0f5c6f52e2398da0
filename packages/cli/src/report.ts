// What the run tells its user on stderr, in plain words. Long lists are cut: --out has every line.
import type { Writable } from "node:stream";
import type { ValidationIssue } from "@ghl-inbound/client";
import { describeResumeTime } from "./daily-limit.js";
import type { Plan } from "./plan.js";
import { formatSeconds } from "./progress.js";
import type { SendCounts } from "./send-pass.js";
import type { StopSwitch } from "./stop.js";

/** Lines listed per kind (invalid, unknown, failed...) before "and N more". */
const MAX_LISTED = 20;

export class Report {
  private readonly listed = new Map<string, number>();

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
    for (const [kind, count] of this.listed) {
      if (count > MAX_LISTED)
        this.line(`  ... and ${count - MAX_LISTED} more ${kind} lines (--out FILE lists every line)`);
    }
    this.listed.clear();
  }
}

export function describeLine(line: number, altId: string | undefined): string {
  return altId === undefined ? `line ${line}` : `line ${line} (altId ${altId})`;
}

export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path || "(line)"} ${issue.message}`).join("; ");
}

export function describePlan(plan: Plan): string {
  const parts = [`${plan.toSend} to send`];
  if (plan.alreadyAdded > 0) parts.push(`${plan.alreadyAdded} already added by an earlier run (skipped)`);
  if (plan.unknown > 0) parts.push(`${plan.unknown} unknown (not resent)`);
  if (plan.invalid > 0) parts.push(`${plan.invalid} invalid (skipped)`);
  return `${plan.records} lines: ${parts.join(", ")}.`;
}

export function describeCounts(counts: SendCounts, elapsedMs: number): string {
  const failedNote =
    counts.failedMayHaveBeenAdded > 0
      ? ` (${counts.failedMayHaveBeenAdded} of them may have been added)`
      : "";
  return (
    `Sent ${counts.added}, failed ${counts.failed}${failedNote}, skipped ${counts.alreadyAdded} already added, ` +
    `unknown ${counts.unknown}, invalid ${counts.invalid}, not sent ${counts.notSent}; elapsed ${formatSeconds(elapsedMs / 1000)}.`
  );
}

/** Why the run stopped early and what to do next, one paragraph per reason. */
export function describeStops(stop: StopSwitch): string[] {
  return stop.all.map((reason) => {
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
      `${resendable} lines were certainly not added: a re-run sends them (journal: ${journalPath}).`,
    );
  }
  const unsure = counts.unknown + counts.failedMayHaveBeenAdded;
  if (unsure > 0) {
    steps.push(
      `${unsure} lines may have been added without an answer: look them up by altId in HighLevel; a re-run does not ` +
        "resend them unless given --resend-unknown (which can duplicate those that were added).",
    );
  }
  return steps;
}
