// Keeps the access token out of everything the client hands back or reports: hook payloads, error
// fields, error messages and causes. A server that echoes the token (in a 401 body, a header, an
// HTML error page) must not turn it into a log line.

import { REDACTED, redactSecretsInText } from "@ghl-inbound/limiter/rules";

export { REDACTED };

/** Headers as a plain object (lower-case names) with `Authorization` replaced, for hooks. */
export function redactRequestHeaders(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const record = headersToRecord(headers, secrets);
  if ("authorization" in record) record.authorization = REDACTED;
  return record;
}

/** Headers as a plain object (lower-case names), with any secret in a value replaced. */
export function headersToRecord(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = redactText(value, secrets);
  });
  return record;
}

/** A copy of a parsed JSON value (or text) in which every string has the secrets replaced. */
export function redactSecrets(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, secrets));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactSecrets(item, secrets)]),
    );
  }
  return value;
}

/**
 * Scrubs the secrets from the message and stack of an error and of every cause below it, in place:
 * a JSON.parse error quotes the text it choked on, and that text came from the server.
 */
export function redactErrorChain(error: unknown, secrets: readonly string[]): void {
  const seen = new Set<unknown>();
  let current = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    for (const key of ["message", "stack"] as const) {
      const text = current[key];
      if (typeof text === "string" && redactText(text, secrets) !== text) {
        Object.defineProperty(current, key, {
          value: redactText(text, secrets),
          writable: true,
          configurable: true,
        });
      }
    }
    current = current.cause;
  }
}

/** The secrets in `text` replaced, each only where it stands as a whole credential (see redactSecretsInText). */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactSecretsInText(text, secrets);
}
