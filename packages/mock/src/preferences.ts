import { QUIRK_NAMES, type QuirkName } from "./quirks.js";

/** What a request asked of the mock through `Prefer` (or the `__code`-style query parameters). */
export interface MockPreferences {
  /** Answer with this documented status code. */
  code?: number;
  /** Answer with this named example. */
  example?: string;
  /** Generate the body from the schema instead of the example. */
  dynamic?: boolean;
  /** Seed for dynamic bodies, so that they repeat. */
  seed?: string;
  /** Answer as the real API was seen to, though the spec does not declare it (see quirks.ts). */
  quirk?: QuirkName;
}

export type PreferencesResult = { ok: true; preferences: MockPreferences } | { ok: false; problem: string };

const STATUS_CODE = /^\d{3}$/;

/**
 * Reads Prism's preferences from a `Prefer` header (`code=400, dynamic=true`), or, when there is
 * none, from the query (`?__code=400`), as Prism's own server does. Unknown preferences are ignored
 * (RFC 7240 says a server ignores what it does not support); a known one with a bad value is refused,
 * so that a typo does not silently give the default answer.
 */
export function parsePreferences(
  preferHeader: string | undefined,
  query: URLSearchParams,
): PreferencesResult {
  const raw = new Map<string, string>();
  if (preferHeader !== undefined && preferHeader.trim() !== "") {
    for (const token of preferHeader.split(/[,;]/)) {
      const [name, ...rest] = token.split("=");
      const key = name?.trim().toLowerCase();
      if (key)
        raw.set(
          key,
          rest
            .join("=")
            .trim()
            .replace(/^"(.*)"$/, "$1"),
        );
    }
  } else {
    for (const key of ["code", "example", "dynamic", "seed", "quirk"]) {
      const value = query.get(`__${key}`);
      if (value !== null) raw.set(key, value);
    }
  }

  const preferences: MockPreferences = {};
  const code = raw.get("code");
  if (code !== undefined) {
    if (!STATUS_CODE.test(code)) return refuse("code", code, "a three-digit status code such as 400");
    preferences.code = Number(code);
  }
  const dynamic = raw.get("dynamic");
  if (dynamic !== undefined) {
    if (dynamic !== "true" && dynamic !== "false") return refuse("dynamic", dynamic, "true or false");
    preferences.dynamic = dynamic === "true";
  }
  const example = raw.get("example");
  if (example !== undefined) preferences.example = example;
  const seed = raw.get("seed");
  if (seed !== undefined) preferences.seed = seed;
  const quirk = raw.get("quirk");
  if (quirk !== undefined) {
    if (!isQuirkName(quirk)) return refuse("quirk", quirk, `one of ${QUIRK_NAMES.join(", ")}`);
    preferences.quirk = quirk;
  }
  return { ok: true, preferences };
}

function isQuirkName(value: string): value is QuirkName {
  return (QUIRK_NAMES as readonly string[]).includes(value);
}

function refuse(name: string, value: string, expected: string): PreferencesResult {
  return {
    ok: false,
    problem: `Prefer header: ${name}=${JSON.stringify(value)} is not valid; expected ${expected}`,
  };
}
