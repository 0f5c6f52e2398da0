import type { Redis } from "ioredis";

export interface RedisConnection {
  client: Redis;
  close(): Promise<void>;
}

/**
 * Connects to the Redis that holds the shared budget, failing fast while it is away (no offline
 * queue), as the limiter expects. ioredis is loaded only for a run that uses Redis. Errors name the
 * host and port, never the URL (it may carry a password).
 */
export async function connectRedis(url: string): Promise<RedisConnection> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 1,
  });
  // Without a listener ioredis prints every reconnect error; the limiter reports what matters.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const { host, port } = client.options;
    throw new RedisConnectionError(`${host}:${port}`, { cause: error });
  }
  return {
    client,
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

export class RedisConnectionError extends Error {
  override readonly name = "RedisConnectionError" as const;
  constructor(where: string, options: { cause: unknown }) {
    super(`cannot connect to Redis at ${where}`, options);
  }
}
