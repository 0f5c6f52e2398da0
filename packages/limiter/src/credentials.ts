// What a credential looks like and how it is kept out of text, for every package: the limiter refuses a
// key that looks like one, the client scrubs its token from errors and hook payloads, the mock redacts the
// Authorization header it records. One spelling of the placeholder, one rule.

/** What stands in for a credential in anything printed, logged or recorded. */
export const REDACTED = "[REDACTED]";

/**
 * Whether `text` is shaped like a HighLevel access token or an Authorization value: "Bearer ...", a Private
 * Integration Token ("pit-..."), or a JWT (OAuth access tokens).
 */
export function looksLikeCredential(text: string): boolean {
  return /^bearer\s/i.test(text) || /^pit-/i.test(text) || /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(text);
}

/** `Bearer abc.def` -> `Bearer [REDACTED]`: the scheme stays readable; a value with no scheme goes whole. */
export function redactAuthorization(value: string): string {
  const [scheme, credentials] = value.trim().split(/\s+/, 2);
  if (credentials === undefined || !/^[A-Za-z][A-Za-z-]{0,19}$/.test(scheme!)) return REDACTED;
  return `${scheme} ${REDACTED}`;
}

/**
 * Below this length a secret can occur inside ordinary words by chance (a test token "t" is in
 * "Internal"), so it is replaced only where it stands as a credential of its own; a longer one cannot,
 * and is replaced wherever it appears, glued to other text or not.
 */
const SHORT_SECRET_CHARS = 8;
/** Characters a token is made of: a short secret next to one of these is part of a longer word. */
const TOKEN_CHAR = "[A-Za-z0-9_-]";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `text` with each of `secrets` replaced by REDACTED: whole credentials only, for a short secret. */
export function redactSecretsInText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === "" || !result.includes(secret)) continue;
    result =
      secret.length >= SHORT_SECRET_CHARS
        ? result.replaceAll(secret, REDACTED)
        : result.replace(
            new RegExp(`(?<!${TOKEN_CHAR})${escapeRegExp(secret)}(?!${TOKEN_CHAR})`, "g"),
            REDACTED,
          );
  }
  return result;
}
