// A run's stop: one signal, whose reason is the first stop, and every kind of reason kept for the report.
import { describe, expect, it } from "vitest";
import { describeStops } from "../src/report.js";
import { RunStop } from "../src/stop.js";

describe("RunStop", () => {
  it("aborts its signal at the first reason, with that reason", () => {
    const stop = new RunStop();
    expect(stop.signal.aborted).toBe(false);
    const spent = { kind: "daily-limit", retryAfterMs: 7_200_000, at: new Date(0) } as const;
    stop.request(spent);
    expect(stop.signal.aborted).toBe(true);
    expect(stop.signal.reason).toBe(spent);
    stop.request({ kind: "interrupted" });
    expect(stop.signal.reason).toBe(spent);
  });

  it("keeps the first reason of each kind, in order, and the report says each", () => {
    const stop = new RunStop();
    stop.request({ kind: "fatal", message: "the journal cannot be written (ENOSPC)" });
    stop.request({ kind: "interrupted" });
    stop.request({ kind: "fatal", message: "a later failure" });
    expect(stop.reasons.map((reason) => reason.kind)).toEqual(["fatal", "interrupted"]);
    expect(stop.has("interrupted")).toBe(true);
    expect(stop.has("daily-limit")).toBe(false);
    const report = describeStops(stop);
    expect(report).toHaveLength(2);
    expect(report[0]).toContain("ENOSPC");
    expect(report[0]).not.toContain("a later failure");
    expect(report[1]).toContain("Interrupted");
  });
});
