import type { RateLimitInfo } from "@ghl-inbound/client";

/** HighLevel's rate-limit headers say the day's budget is spent: no request will be accepted before the reset. */
export function isDailyBudgetSpent(rateLimit: RateLimitInfo | undefined): boolean {
  return rateLimit?.dailyRemaining === 0;
}

/** When a re-run can resume, in plain words, from the 429's Retry-After if it gave one. */
export function describeResumeTime(retryAfterMs: number | undefined, stoppedAt: Date): string {
  if (retryAfterMs === undefined) {
    return (
      "HighLevel did not say when its daily budget resets (no Retry-After): re-run the same command " +
      "tomorrow, or later today to check; it resumes where this run stopped"
    );
  }
  const resumeAt = new Date(stoppedAt.getTime() + retryAfterMs);
  return `HighLevel accepts requests again in ${formatWait(retryAfterMs)} (at ${resumeAt.toLocaleString()}): re-run the same command then; it resumes where this run stopped`;
}

function formatWait(waitMs: number): string {
  const minutes = Math.ceil(waitMs / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
