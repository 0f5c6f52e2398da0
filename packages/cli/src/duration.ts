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

/** "100/10s" as a budget, "off" as undefined (no limiter); throws a RangeError naming the flag otherwise. */
export function parseRateLimit(text: string): RateBudget | undefined {
  if (text === "off") return undefined;
  const [count, interval = ""] = text.split("/");
  const limit = Number(count);
  const intervalMs = parseDurationMs(interval);
  if (!Number.isInteger(limit) || limit < 1 || intervalMs === undefined) {
    throw new RangeError(
      `--rate-limit must look like 100/10s (requests/interval) or be "off", not "${text}"`,
    );
  }
  return { limit, intervalMs };
}
