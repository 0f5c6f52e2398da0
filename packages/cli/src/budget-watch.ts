// What the run can tell about its rate budget from the client's hooks, without reaching into the limiter:
// the budget in force once the server's headers narrowed --rate-limit, whether the next request waits for a
// slot and for how long, and an ETA from that budget rather than from the last burst.
import type { RateLimitInfo } from "@ghl-inbound/client";
import { formatDuration, type RateBudget } from "./duration.js";

/**
 * The budget the limiter keeps after an answer with these headers: a smaller `X-RateLimit-Max` or a longer
 * `X-RateLimit-Interval-Milliseconds` than configured wins (the limiter's `budgetFor` rule).
 */
export function narrowedBudget(configured: RateBudget, info: RateLimitInfo): RateBudget {
  const limit =
    info.max !== undefined && info.max >= 1
      ? Math.min(configured.limit, Math.floor(info.max))
      : configured.limit;
  const intervalMs =
    info.intervalMs !== undefined && info.intervalMs >= 1
      ? Math.max(configured.intervalMs, Math.ceil(info.intervalMs))
      : configured.intervalMs;
  return { limit, intervalMs };
}

function describeBudget({ limit, intervalMs }: RateBudget): string {
  return `${limit} per ${formatDuration(intervalMs)}`;
}

export function describeNarrowing(configured: RateBudget, effective: RateBudget): string {
  return (
    `Rate budget: the server's X-RateLimit headers allow ${describeBudget(effective)}, less than --rate-limit ` +
    `(${describeBudget(configured)}), so this run sends at most ${describeBudget(effective)}. ` +
    "HighLevel counts every request against it; a larger --rate-limit would only earn 429s."
  );
}

/**
 * Milliseconds until the next request may start under `budget`, given when the recent ones started
 * (sliding window, as the limiter counts) and until when an exhausted answer blocked the key; 0 when a
 * slot is free now.
 */
export function nextSlotInMs(
  requestStartsMs: readonly number[],
  nowMs: number,
  budget: RateBudget,
  blockedUntilMs = 0,
): number {
  const inWindow = requestStartsMs.filter((at) => at > nowMs - budget.intervalMs).sort((a, b) => a - b);
  const windowWaitMs =
    inWindow.length >= budget.limit
      ? inWindow[inWindow.length - budget.limit]! + budget.intervalMs - nowMs
      : 0;
  return Math.max(0, windowWaitMs, blockedUntilMs - nowMs);
}

/**
 * Time left for `remaining` lines. By the budget: the wait for the next slot, then one window per `limit`
 * lines after the first (a window's slots go at once). By what the run saw: the pace over the whole run so
 * far (a server slower than the budget). The longer of the two; never the pace of the last burst, which
 * swings between a full window and none. Undefined when nothing says how fast lines go.
 */
export function estimateRemainingMs({
  remaining,
  budget,
  nextSlotInMs = 0,
  done,
  elapsedMs,
}: {
  remaining: number;
  budget: RateBudget | undefined;
  nextSlotInMs?: number;
  done: number;
  elapsedMs: number;
}): number | undefined {
  if (remaining <= 0) return 0;
  const byBudget =
    budget === undefined
      ? undefined
      : nextSlotInMs + (Math.ceil(remaining / budget.limit) - 1) * budget.intervalMs;
  const bySeenPace = done > 0 && elapsedMs > 0 ? (remaining * elapsedMs) / done : undefined;
  if (byBudget === undefined) return bySeenPace;
  return bySeenPace === undefined ? byBudget : Math.max(byBudget, bySeenPace);
}

/** Fed by the client's onRequest / onResponse hooks; read by the progress display. */
export class BudgetWatch {
  private readonly starts: number[] = [];
  private blockedUntilMs = 0;
  private hasSaidNarrowed = false;
  private current: RateBudget | undefined;

  constructor(
    private readonly configured: RateBudget | undefined,
    private readonly say: (text: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.current = configured;
  }

  /** The budget in force: --rate-limit, narrowed by the server's headers. */
  get budget(): RateBudget | undefined {
    return this.current;
  }

  onRequest(): void {
    if (this.current === undefined) return;
    const now = this.now();
    this.starts.push(now);
    // Only the last window matters; keep the list as short as the budget.
    while (this.starts.length > this.current.limit) this.starts.shift();
  }

  onResponse(info: RateLimitInfo): void {
    if (this.configured === undefined || this.current === undefined) return;
    const narrowed = narrowedBudget(this.configured, info);
    if (narrowed.limit !== this.current.limit || narrowed.intervalMs !== this.current.intervalMs) {
      this.current = narrowed;
      const isNarrower =
        narrowed.limit < this.configured.limit || narrowed.intervalMs > this.configured.intervalMs;
      if (isNarrower && !this.hasSaidNarrowed) {
        this.hasSaidNarrowed = true;
        this.say(describeNarrowing(this.configured, narrowed));
      }
    }
    if (info.remaining === 0) this.blockedUntilMs = this.now() + this.current.intervalMs;
  }

  /** Milliseconds until the next request may start; 0 when a slot is free (or there is no budget). */
  nextSlotInMs(): number {
    if (this.current === undefined) return 0;
    return nextSlotInMs(this.starts, this.now(), this.current, this.blockedUntilMs);
  }
}
