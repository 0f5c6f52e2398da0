import { HIGHLEVEL_BURST_INTERVAL_MS, HIGHLEVEL_BURST_LIMIT } from "@ghl-inbound/limiter";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "500ms", "10s", "1.5m", "1h" in milliseconds; undefined when it is not one of those. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (match === null) return undefined;
  const durationMs = Math.round(Number(match[1]) * UNIT_MS[match[2]!]!);
  return durationMs > 0 ? durationMs : undefined;
}

/** Requests per interval, as `--rate-limit` takes it: "100/10s", "10/1s". */
export interface RateBudget {
  limit: number;
  intervalMs: number;
}

/** HighLevel's burst limit as `--rate-limit` writes it: "100/10s". */
export const DEFAULT_RATE_LIMIT = `${HIGHLEVEL_BURST_LIMIT}/${HIGHLEVEL_BURST_INTERVAL_MS / 1000}s`;

/** "100/10s" as a budget, "off" as undefined (no limiter); throws a RangeError naming the flag and the problem. */
export function parseRateLimit(text: string): RateBudget | undefined {
  if (text === "off") return undefined;
  const match = /^(-?\d+(?:\.\d+)?)\/(.+)$/.exec(text.trim());
  if (match === null) {
    throw new RangeError(
      `--rate-limit must look like ${DEFAULT_RATE_LIMIT} (requests/interval) or be "off", not "${text}"`,
    );
  }
  const limit = Number(match[1]);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `--rate-limit needs a whole number of requests of at least 1 before the "/", not ${match[1]} ` +
        `("${text}" would send nothing); "off" sends without a budget`,
    );
  }
  const intervalMs = parseDurationMs(match[2]!);
  if (intervalMs === undefined) {
    throw new RangeError(
      `--rate-limit needs an interval such as 10s, 1s or 500ms after the "/", not "${match[2]}"`,
    );
  }
  return { limit, intervalMs };
}

/**
 * A duration as the command says it everywhere (elapsed time, ETA, waits for the budget or the daily reset):
 * "4.2 s", "45 s", "16 min 30 s", "2 h 5 min". Rounded up: a wait said is never shorter than the real one.
 */
export function formatDuration(ms: number): string {
  const safeMs = Math.max(0, ms);
  if (safeMs < 10_000) return `${(Math.ceil(safeMs / 100) / 10).toFixed(1)} s`;
  if (safeMs < 60_000) return `${Math.ceil(safeMs / 1_000)} s`;
  if (safeMs < 3_600_000) {
    const seconds = Math.ceil(safeMs / 1_000);
    return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }
  const minutes = Math.ceil(safeMs / 60_000);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
