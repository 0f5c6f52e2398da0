import { maxCountInAnyWindow } from "@ghl-inbound/test-support/counting-server";
import { describe, expect, it } from "vitest";

// The multi-process tests are only as good as this count, so it has its own rows.
describe("maxCountInAnyWindow", () => {
  const cases: [string, { given: number[]; windowMs: number; want: number }][] = [
    ["no arrivals", { given: [], windowMs: 1000, want: 0 }],
    ["one arrival", { given: [5], windowMs: 1000, want: 1 }],
    [
      "arrivals exactly one window apart fall in different windows",
      { given: [0, 1000, 2000], windowMs: 1000, want: 1 },
    ],
    ["arrivals just inside one window", { given: [0, 999.9], windowMs: 1000, want: 2 }],
    [
      "a burst in the middle of a slow stream",
      { given: [0, 900, 1500, 1501, 1502, 1899, 3000], windowMs: 1000, want: 5 },
    ],
    ["unsorted input", { given: [1502, 0, 1501, 900, 1500], windowMs: 1000, want: 4 }],
  ];
  it.each(cases)("counts %s", (_name, { given, windowMs, want }) => {
    expect(maxCountInAnyWindow(given, windowMs)).toBe(want);
  });
});
