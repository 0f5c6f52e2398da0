import { describe, expect, it } from "vitest";
import { type PreferencesResult, parsePreferences } from "../src/preferences.js";

interface Row {
  given: { prefer: string | undefined; query?: string };
  want: PreferencesResult;
}

const rows: [string, Row][] = [
  ["reads a status code", { given: { prefer: "code=401" }, want: { ok: true, preferences: { code: 401 } } }],
  [
    "reads several preferences separated by commas or semicolons",
    {
      given: { prefer: "code=201, dynamic=true; seed=abc" },
      want: { ok: true, preferences: { code: 201, dynamic: true, seed: "abc" } },
    },
  ],
  [
    "unquotes a quoted value",
    { given: { prefer: 'example="sms"' }, want: { ok: true, preferences: { example: "sms" } } },
  ],
  [
    "ignores preferences it does not know",
    { given: { prefer: "respond-async, wait=5" }, want: { ok: true, preferences: {} } },
  ],
  [
    "reads Prism's query parameters when there is no Prefer header",
    {
      given: { prefer: undefined, query: "__code=400&__dynamic=false" },
      want: { ok: true, preferences: { code: 400, dynamic: false } },
    },
  ],
  [
    "prefers the header over the query",
    { given: { prefer: "code=401", query: "__code=400" }, want: { ok: true, preferences: { code: 401 } } },
  ],
  [
    "reads a quirk",
    { given: { prefer: "quirk=201-no-body" }, want: { ok: true, preferences: { quirk: "201-no-body" } } },
  ],
  [
    "refuses a code that is not a status",
    {
      given: { prefer: "code=abc" },
      want: {
        ok: false,
        problem: 'Prefer header: code="abc" is not valid; expected a three-digit status code such as 400',
      },
    },
  ],
  [
    "refuses a dynamic that is not a boolean",
    {
      given: { prefer: "dynamic=yes" },
      want: { ok: false, problem: 'Prefer header: dynamic="yes" is not valid; expected true or false' },
    },
  ],
  [
    "refuses an unknown quirk",
    {
      given: { prefer: "quirk=teapot" },
      want: {
        ok: false,
        problem: 'Prefer header: quirk="teapot" is not valid; expected one of 201-no-body, 500-bad-token',
      },
    },
  ],
];

describe("parsePreferences", () => {
  it.each(rows)("%s", (_name, { given, want }) => {
    expect(parsePreferences(given.prefer, new URLSearchParams(given.query ?? ""))).toEqual(want);
  });
});
