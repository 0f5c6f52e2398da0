import { formatDuration } from "./duration.js";

/** When a re-run can resume, in plain words, from the 429's Retry-After if it gave one. */
export function describeResumeTime(retryAfterMs: number | undefined, stoppedAt: Date): string {
  if (retryAfterMs === undefined) {
    return (
      "HighLevel did not say when its daily budget resets (no Retry-After): re-run the same command " +
      "tomorrow, or later today to check; it resumes where this run stopped"
    );
  }
  const resumeAt = new Date(stoppedAt.getTime() + retryAfterMs);
  return `HighLevel accepts requests again in ${formatDuration(retryAfterMs)} (at ${resumeAt.toLocaleString()}): re-run the same command then; it resumes where this run stopped`;
}
