// The client's date-time check against ajv-formats' (a dev dependency here, never loaded by the
// client): the same answer for every string, so dropping the library changed nothing users see.
import { fullFormats } from "ajv-formats/dist/formats.js";
import { describe, expect, it } from "vitest";
import { isDateTime } from "../src/date-time.js";

const ajvDateTime = fullFormats["date-time"] as { validate: (text: string) => boolean };

const samples = [
  "2024-07-29T15:51:28.071Z",
  "2024-07-29T15:51:28Z",
  "2024-07-29t15:51:28z",
  "2024-07-29 15:51:28Z",
  "2024-07-29T15:51:28+02:00",
  "2024-07-29T15:51:28-0530",
  "2024-07-29T15:51:28+02",
  "2024-07-29T15:51:28",
  "2024-07-29",
  "15:51:28Z",
  "2024-02-29T00:00:00Z",
  "2023-02-29T00:00:00Z",
  "1900-02-29T00:00:00Z",
  "2000-02-29T00:00:00Z",
  "2024-04-31T00:00:00Z",
  "2024-13-01T00:00:00Z",
  "2024-00-01T00:00:00Z",
  "2024-01-00T00:00:00Z",
  "2024-01-01T24:00:00Z",
  "2024-01-01T23:60:00Z",
  "2024-12-31T23:59:60Z",
  "2024-12-31T23:59:60.5Z",
  "2024-12-31T22:59:60-01:00",
  "2024-12-31T23:58:60Z",
  "2024-12-31T23:59:61Z",
  "2024-01-01T00:00:00+24:00",
  "2024-01-01T00:00:00+23:60",
  "2024-01-01T00:00:00.Z",
  "2024-1-01T00:00:00Z",
  "02024-01-01T00:00:00Z",
  "2024-01-01TT00:00:00Z",
  "2024-01-01T00:00:00Z ",
  " 2024-01-01T00:00:00Z",
  "yesterday",
  "",
  "２０２４-01-01T00:00:00Z",
];

describe("isDateTime", () => {
  it.each(samples)("answers %j as ajv-formats does", (text) => {
    expect(isDateTime(text)).toBe(ajvDateTime.validate(text));
  });

  it("answers as ajv-formats does for every date-time cut short or with one character changed", () => {
    const base = "2024-12-31T23:59:60.123+00:00";
    const variants = new Set<string>();
    for (let index = 0; index <= base.length; index++) {
      variants.add(base.slice(0, index));
      for (const replacement of ["0", "9", "5", "-", ":", "T", " ", "Z", "+", "."]) {
        variants.add(base.slice(0, index) + replacement + base.slice(index + 1));
      }
    }
    const disagreements = [...variants].filter((text) => isDateTime(text) !== ajvDateTime.validate(text));
    expect(disagreements).toEqual([]);
    expect([...variants].filter(isDateTime).length).toBeGreaterThan(10);
  });
});
