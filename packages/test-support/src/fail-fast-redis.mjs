// A Redis client as the limiter's README advises for a shared store: it fails fast rather than queue
// commands while Redis is away (no offline queue, no resend of a command), and reconnects every 100 ms
// in the background. Plain JavaScript, so that the replicas run by plain `node` (test fixtures) share
// it with the suites; fail-fast-redis.d.mts types it.

/** Connects `new Redis(...)` (ioredis's class, from the caller's dependencies) to 127.0.0.1:`port`. */
export async function connectFailFastRedis(Redis, port) {
  const redis = new Redis({
    host: "127.0.0.1",
    port,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 100,
  });
  // Reconnect failures surface through the store's errors; without a listener ioredis prints each one.
  redis.on("error", () => {});
  // A Redis already gone (a test kills it while a slow replica is still starting) is the outage the
  // store reports on its first command, as it would a moment later; the reconnects go on meanwhile.
  await redis.connect().catch(() => {});
  return redis;
}
