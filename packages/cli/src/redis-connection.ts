import type { Redis } from "ioredis";

export interface RedisConnection {
  client: Redis;
  /** Quits politely, or drops the connection when Redis does not answer within a few seconds. */
  close(): Promise<void>;
}

/**
 * How long Redis may take to answer a command before the limiter is told it is unavailable (and the
 * run stops): a Redis that accepts connections and never answers (stopped, overloaded, a wrong port
 * behind a proxy) must not hang a run. The limiter's own calls take well under a millisecond.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
/** Connecting, the ready check included; and quitting. */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connects to the Redis that holds the shared budget, failing fast while it is away (no offline
 * queue), as the limiter expects. ioredis is loaded only for a run that uses Redis. Errors name the
 * host and port, never the URL (it may carry a password). Aborting `signal` (Ctrl-C) gives up at once.
 */
export async function connectRedis(url: string, signal?: AbortSignal): Promise<RedisConnection> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
  });
  // Without a listener ioredis prints every reconnect error; the limiter reports what matters.
  client.on("error", () => {});
  const { host, port } = client.options;
  try {
    // ioredis's connectTimeout covers the TCP handshake only: a Redis that accepts and never answers
    // the ready check would hold connect() forever.
    await withinTime(client.connect(), REDIS_CONNECT_TIMEOUT_MS, signal, "did not answer in time");
  } catch (error) {
    client.disconnect();
    if (signal?.aborted) throw signal.reason;
    throw new RedisConnectionError(`${host}:${port}`, { cause: error });
  }
  return {
    client,
    async close() {
      try {
        await withinTime(client.quit(), REDIS_CONNECT_TIMEOUT_MS, undefined, "did not answer QUIT");
      } catch {
        // Not answering, or already gone: the connection is dropped either way.
      } finally {
        client.disconnect();
      }
    },
  };
}

/** `promise`, or a rejection after `ms` or when `signal` aborts, whichever comes first. */
function withinTime<T>(
  promise: Promise<T>,
  ms: number,
  signal: AbortSignal | undefined,
  what: string,
): Promise<T> {
  promise.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis ${what} (${ms} ms)`)), ms);
    const onAbort = () => reject(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    });
  });
}

export class RedisConnectionError extends Error {
  override readonly name = "RedisConnectionError" as const;
  constructor(where: string, options: { cause: unknown }) {
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : "";
    super(`cannot connect to Redis at ${where}${reason}`, options);
  }
}
