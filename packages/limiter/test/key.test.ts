import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRateLimiter, keyForToken, RateLimitOptionError, TOKEN_KEY_PREFIX } from "../src/index.js";

const token = "pit-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d";

describe("keyForToken", () => {
  it("is the prefixed SHA-256 of the token, cut to 32 hex digits", async () => {
    // Computed here with node:crypto, independently of the Web Crypto call in the source.
    const expected = createHash("sha256")
      .update(`@ghl-inbound/limiter:v1:${token}`)
      .digest("hex")
      .slice(0, 32);
    expect(await keyForToken(token)).toBe(`${TOKEN_KEY_PREFIX}${expected}`);
  });

  it("gives the same key for the same token and different keys for different tokens", async () => {
    expect(await keyForToken(token)).toBe(await keyForToken(token));
    expect(await keyForToken(token)).not.toBe(await keyForToken(`${token}x`));
  });

  it("never contains the token or a piece of it", async () => {
    const key = await keyForToken(token);
    expect(key).not.toContain(token);
    expect(key).not.toContain(token.slice(4, 12));
    expect(key).toMatch(/^token-sha256:[0-9a-f]{32}$/);
  });

  it("is accepted as a key where the token itself is refused", async () => {
    const limiter = createRateLimiter();
    await expect(limiter.acquire(await keyForToken(token), { maxWaitMs: 0 })).resolves.toHaveProperty(
      "waitedMs",
    );
    await expect(limiter.acquire(token)).rejects.toBeInstanceOf(RateLimitOptionError);
  });

  it("refuses an empty token with RateLimitOptionError", async () => {
    await expect(keyForToken("")).rejects.toMatchObject({ name: "RateLimitOptionError", option: "token" });
  });
});
