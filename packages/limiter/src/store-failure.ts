// How a store failure is named in messages (RateLimitStoreError's, which @ghl-inbound/client quotes
// in its RateLimitStoreUnavailableError): never more than the driver error's name and code.

/**
 * Names the kind of a store (Redis driver) failure, `Error ECONNREFUSED`, without the driver's free-text
 * message, which may hold a connection string or a password.
 */
export function describeStoreFailure(cause: unknown): string {
  if (!(cause instanceof Error)) return `a thrown ${typeof cause}`;
  const code = (cause as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)
    ? `${cause.name} ${code}`
    : cause.name;
}
