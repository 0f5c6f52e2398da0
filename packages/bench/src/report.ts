// The shape every benchmark reports in, and how it is printed: one row per measure, ours beside
// the baseline of the same run, so that the table carries ratios rather than bare timings.

export type BenchMode = "full" | "smoke";

export interface Measured {
  label: string;
  value: number;
}

export interface ResultRow {
  benchmark: string;
  measure: string;
  unit: string;
  ours: Measured;
  baseline?: Measured;
  /** ours / baseline. */
  ratio?: number;
  target?: { text: string; isMet: boolean };
}

export interface BenchResult {
  rows: ResultRow[];
  /** Method and extra figures (settings, latencies, versions): kept in the JSON, shown under the table. */
  details: Record<string, unknown>;
  notes: string[];
}

/** A row with its ratio, when there is a baseline to divide by (a latency of 0 ms has none). */
export function rowOf(row: Omit<ResultRow, "ratio">): ResultRow {
  if (row.baseline === undefined || row.baseline.value === 0) return row;
  return { ...row, ratio: row.ours.value / row.baseline.value };
}

/** One line per row, as each benchmark finishes: what the smoke test reads. */
export function formatRowLine(row: ResultRow): string {
  const ours = `${row.ours.label} ${formatNumber(row.ours.value)} ${row.unit}`;
  const baseline = row.baseline
    ? `, ${row.baseline.label} ${formatNumber(row.baseline.value)} ${row.unit}`
    : "";
  const ratio = row.ratio === undefined ? "" : `, ratio ${formatNumber(row.ratio)}x`;
  const target = row.target ? ` (target ${row.target.text}: ${row.target.isMet ? "met" : "NOT met"})` : "";
  return `${row.benchmark} | ${row.measure}: ${ours}${baseline}${ratio}${target}`;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
