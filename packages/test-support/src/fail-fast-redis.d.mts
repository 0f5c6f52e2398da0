/** The part of an ioredis client this helper uses. */
interface ConnectableRedis {
  on(event: "error", listener: (error: Error) => void): unknown;
  connect(): Promise<unknown>;
}

/** Connects `new Redis(...)` (ioredis's class, from the caller's dependencies) to 127.0.0.1:`port`, failing fast. */
export declare function connectFailFastRedis<Client extends ConnectableRedis>(
  Redis: new (options: {
    host: string;
    port: number;
    lazyConnect: boolean;
    enableOfflineQueue: boolean;
    maxRetriesPerRequest: number;
    retryStrategy: () => number;
  }) => Client,
  port: number,
): Promise<Client>;
