// ESM consumer of @ghl-inbound/limiter: one process, the memory store, a budget that runs out.
import assert from "node:assert/strict";
import {
  createMemoryStore,
  createRateLimiter,
  keyForToken,
  type RateLimiter,
  RateLimitWaitTimeoutError,
} from "@ghl-inbound/limiter";

const limiter: RateLimiter = createRateLimiter({
  limit: 2,
  intervalMs: 60_000,
  store: createMemoryStore(),
  maxWaitMs: 0,
});
const key = await keyForToken("pit-not-a-real-token");
assert.ok(!key.includes("pit-not-a-real-token"));
await limiter.acquire(key);
await limiter.acquire(key);
await assert.rejects(limiter.acquire(key), RateLimitWaitTimeoutError);
console.log("limiter: ok");
