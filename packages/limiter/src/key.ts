import { RateLimitOptionError } from "./errors.js";
import { findKeyProblem } from "./option-problems.js";

/** Marks a key as a token hash, so it cannot be mistaken for (or collide with) a locationId. */
export const TOKEN_KEY_PREFIX = "token-sha256:";

/** Domain separation: the same token hashed by another tool gives another value. */
const HASH_INPUT_PREFIX = "@ghl-inbound/limiter:v1:";

/**
 * A rate-limit key for an access token: SHA-256 of the token (with a fixed prefix), hex, cut to
 * 128 bits. Tokens are long random strings, so the key cannot be turned back into the token;
 * the same token always gives the same key, in every process. Prefer the `locationId` when you
 * have it: HighLevel counts per location, and two tokens of one location share its budget.
 *
 * Async because it uses Web Crypto (`crypto.subtle`), available in Node 20+ and browsers alike.
 */
export async function keyForToken(token: string): Promise<string> {
  if (typeof token !== "string" || token.length === 0) {
    throw new RateLimitOptionError("token", "must be a non-empty string");
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(HASH_INPUT_PREFIX + token));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return TOKEN_KEY_PREFIX + hex.slice(0, 32);
}

/** Throws RateLimitOptionError for a key that `acquire` would refuse (see findKeyProblem). */
export function checkKey(key: unknown): asserts key is string {
  const problem = findKeyProblem(key);
  if (problem !== undefined) throw new RateLimitOptionError("key", problem);
}
