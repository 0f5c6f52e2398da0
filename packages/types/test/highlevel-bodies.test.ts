// The shared table of HighLevel's bodies against the request type (bodies.ts, checked by tsc) and
// against the request schema (Ajv on the spec): each row's status is what both say.
import { readFileSync } from "node:fs";
import { HIGHLEVEL_BODY_ROWS } from "@ghl-inbound/test-support/highlevel-bodies";
import { describe, expect, it } from "vitest";
import { highLevelBodiesAsTyped } from "./bodies.js";
import { compileFromSpec } from "./helpers.js";

const validate = compileFromSpec("/components/schemas/InboundMessageRequest");
const bodiesSource = readFileSync(new URL("./bodies.ts", import.meta.url), "utf8").split("\n");

/** Whether bodies.ts marks the row's line with @ts-expect-error (tsc fails if the mark is not needed). */
function isRefusedByType(name: string): boolean {
  const index = bodiesSource.findIndex((line) =>
    line.trimStart().startsWith(`${JSON.stringify(name)}: typed(`),
  );
  if (index < 0) throw new Error(`bodies.ts has no typed row for ${name}`);
  return bodiesSource[index - 1]!.includes("@ts-expect-error");
}

describe.each(HIGHLEVEL_BODY_ROWS)("HighLevel's body: %s", (name, row) => {
  it("is the table's body in bodies.ts", () => {
    expect(highLevelBodiesAsTyped[name]).toEqual(row.body);
  });

  const typeRefuses = row.status === 422 && row.isRefusedAtRunTimeOnly !== true;
  it(`is ${typeRefuses ? "refused" : "taken"} by InboundMessageRequest`, () => {
    expect(isRefusedByType(name)).toBe(typeRefuses);
  });

  it(`is ${row.status === 200 ? "valid" : "invalid"} against the spec's request schema`, () => {
    expect(validate(row.body), JSON.stringify(validate.errors)).toBe(row.status === 200);
  });
});

it("covers every row of the table in bodies.ts", () => {
  expect(Object.keys(highLevelBodiesAsTyped).sort()).toEqual(
    HIGHLEVEL_BODY_ROWS.map(([name]) => name).sort(),
  );
});
