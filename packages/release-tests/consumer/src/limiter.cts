// CommonJS consumer of @ghl-inbound/limiter: require() loads the .cjs build.
import assert = require("node:assert/strict");

import { createMemoryStore, createRateLimiter, RateLimitWaitTimeoutError } from "@ghl-inbound/limiter";

async function main(): Promise<void> {
  const limiter = createRateLimiter({
    limit: 1,
    intervalMs: 60_000,
    store: createMemoryStore(),
    maxWaitMs: 0,
  });
  await limiter.acquire("location-1");
  await assert.rejects(limiter.acquire("location-1"), RateLimitWaitTimeoutError);
}

main().then(
  () => console.log("limiter: ok"),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
