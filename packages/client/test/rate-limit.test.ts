// The `rateLimit` option, in one process, against a real local server (and a real redis-server where a
// store fails). Several processes sharing one Redis: rate-limit-processes.test.ts.
import {
  createMemoryStore,
  createRateLimiter,
  createRedisStore,
  keyForToken,
  type RateLimiterClock,
  type RateLimitObservation,
  RateLimitStoreError,
  RateLimitWaitTimeoutError,
} from "@ghl-inbound/limiter";
import {
  type CountingServer,
  type CountingServerOptions,
  startCountingServer,
} from "@ghl-inbound/test-support/counting-server";
import { connectFailFastRedis } from "@ghl-inbound/test-support/fail-fast-redis";
import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ClientOptions,
  createHighLevelClient,
  RateLimitError,
  type RateLimiter,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  type RequestEvent,
} from "../src/index.js";
import { numberedMessages, rejectionOf, TOKEN } from "./helpers.js";

let server: CountingServer | undefined;
let redis: RedisServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await redis?.stop();
  redis = undefined;
});

async function serve(answer?: CountingServerOptions["answer"]): Promise<CountingServer> {
  server = await startCountingServer({ answer });
  return server;
}

function clientFor(target: CountingServer, options: Partial<ClientOptions> = {}) {
  return createHighLevelClient({ accessToken: TOKEN, baseUrl: target.url, timeoutMs: 5_000, ...options });
}

/** A real limiter whose calls are written down, to see what the client asked of it and when. */
function recordingLimiter(limiter: RateLimiter = createRateLimiter()) {
  const acquired: string[] = [];
  const observed: { key: string; observation: RateLimitObservation }[] = [];
  const recording: RateLimiter = {
    ...limiter,
    async acquire(key, options) {
      const result = await limiter.acquire(key, options);
      acquired.push(key);
      return result;
    },
    observe(key, observation) {
      observed.push({ key, observation });
      return limiter.observe(key, observation);
    },
  };
  return { limiter: recording, acquired, observed };
}

/**
 * A limiter clock that stands still until the test moves it, to the end of the earliest sleep: slots
 * are granted at exact instants, however long the requests between them take on the real clock.
 */
function manualClock() {
  let now = 0;
  const sleepers: { until: number; wake: () => void }[] = [];
  const clock: RateLimiterClock = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => void sleepers.push({ until: now + ms, wake })),
  };
  return {
    clock,
    /** Until `work` settles: lets the event loop take a turn, then wakes the earliest sleepers, if any. */
    async runUntil(work: Promise<unknown>): Promise<void> {
      let isSettled = false;
      work.then(
        () => (isSettled = true),
        () => (isSettled = true),
      );
      while (!isSettled) {
        await new Promise((resolve) => setImmediate(resolve));
        if (sleepers.length === 0) continue;
        now = Math.max(now, Math.min(...sleepers.map((sleeper) => sleeper.until)));
        for (const sleeper of sleepers.filter((each) => each.until <= now)) {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          sleeper.wake();
        }
      }
      await work;
    },
  };
}

const [message, second, third] = numberedMessages("rl", 3);

describe("a client with rateLimit", () => {
  it("takes a slot before every attempt, retries included, and reports every answer to the limiter", async () => {
    const target = await serve(({ seenBefore }) =>
      seenBefore === 0 ? { status: 429, headers: { "Retry-After": "0" } } : { status: 200 },
    );
    const { limiter, acquired, observed } = recordingLimiter();
    const data = await clientFor(target, { rateLimit: limiter }).addInboundMessage(message!);

    expect(data.messageId).toBe(`msg-${message!.altId}`);
    expect(target.arrivals.map((arrival) => arrival.answer)).toEqual([429, 200]);
    expect(acquired).toHaveLength(2);
    expect(observed.map((each) => each.observation.status)).toEqual([429, 200]);
  });

  it("settles every attempt's slot with the store, those that got no answer too", async () => {
    const store = createMemoryStore();
    const settledForMs: number[] = [];
    const limiter = createRateLimiter({
      store: {
        take: store.take,
        block: store.block,
        share: store.share,
        async settle(key, slotId, settlement) {
          settledForMs.push(settlement.countsForMs);
          return store.settle!(key, slotId, settlement);
        },
      },
    });
    const target = await serve(({ count }) => (count === 1 ? "hang" : { status: 201 }));
    const client = clientFor(target, { rateLimit: limiter, timeoutMs: 100, maxRetries: 0 });
    expect(await rejectionOf(client.addInboundMessage(message!))).toMatchObject({
      name: "RequestTimeoutError",
    });
    // Settled as answered when the attempt gave up: it counts one interval (10 s) after that.
    expect(settledForMs).toHaveLength(1);
    expect(settledForMs[0]).toBeGreaterThanOrEqual(100 + 10_000);
    await client.addInboundMessage(second!);
    expect(settledForMs).toHaveLength(2);

    const gone = await serve();
    await gone.close();
    server = undefined;
    const unreachable = clientFor(gone, { rateLimit: limiter, maxRetries: 0 });
    expect(await rejectionOf(unreachable.addInboundMessage(third!))).toMatchObject({
      name: "ConnectionError",
    });
    expect(settledForMs).toHaveLength(3);
  });

  it("tells the limiter when each attempt's request left, on Node's fetch: each its own", async () => {
    server = await startCountingServer({ answerDelayMs: 100 });
    const limiter = createRateLimiter();
    const told: { grantedAt: number; sentAt?: number; observedAt: number }[] = [];
    const recording: RateLimiter = {
      ...limiter,
      observe(key, observation, slot) {
        told.push({ grantedAt: slot!.grantedAt, sentAt: slot!.sentAt, observedAt: performance.now() });
        return limiter.observe(key, observation, slot);
      },
    };
    // The second attempt's fetch is held 150 ms before it calls Node's fetch.
    const fetchCalledAt: number[] = [];
    const client = clientFor(server, {
      rateLimit: recording,
      fetch: async (request) => {
        if (fetchCalledAt.length === 1) await new Promise((resolve) => setTimeout(resolve, 150));
        fetchCalledAt.push(performance.now());
        return fetch(request);
      },
    });
    await Promise.all([client.addInboundMessage(message!), client.addInboundMessage(second!)]);

    expect(told).toHaveLength(2);
    const byCall = [...told].sort((a, b) => a.sentAt! - b.sentAt!);
    for (const [index, each] of byCall.entries()) {
      // It left after its fetch was called, and its answer came at least the server's 100 ms later.
      expect(each.sentAt).toBeGreaterThanOrEqual(fetchCalledAt[index]!);
      expect(each.sentAt).toBeGreaterThanOrEqual(each.grantedAt);
      expect(each.observedAt - each.sentAt!).toBeGreaterThanOrEqual(99);
    }
  });

  it("counts against a hash of the token by default, and never puts the token in a hook payload", async () => {
    const target = await serve();
    const { limiter, acquired } = recordingLimiter();
    const events: RequestEvent[] = [];
    const client = clientFor(target, { rateLimit: limiter, onRequest: (event) => void events.push(event) });
    await client.addInboundMessage(message!);

    const key = await keyForToken(TOKEN);
    expect(acquired).toEqual([key]);
    expect(events[0]?.limiter).toEqual({ key, waitedMs: expect.any(Number) });
    expect(JSON.stringify(events)).not.toContain(TOKEN);
    expect(JSON.stringify(client.options.rateLimit)).not.toContain(TOKEN);
  });

  it("counts against the new token's hash after a 401 and a refresh", async () => {
    const target = await serve(({ seenBefore }) => ({ status: seenBefore === 0 ? 401 : 200 }));
    const { limiter, acquired } = recordingLimiter();
    const client = clientFor(target, {
      rateLimit: limiter,
      accessToken: ({ refresh }) => (refresh ? `${TOKEN}-fresh` : TOKEN),
    });
    await client.addInboundMessage(message!);
    expect(acquired).toEqual([await keyForToken(TOKEN), await keyForToken(`${TOKEN}-fresh`)]);
  });

  it("counts against the key it is given, such as the locationId", async () => {
    const target = await serve();
    const { limiter, acquired } = recordingLimiter();
    await clientFor(target, { rateLimit: { limiter, key: "location-42" } }).addInboundMessage(message!);
    expect(acquired).toEqual(["location-42"]);
  });

  it("waits for a slot rather than failing, and takes no more than the limit in any window", async () => {
    const target = await serve();
    // The limiter on a clock the test moves: what is counted is slots per window of the limiter's own
    // time, which no load on the machine can shift. That the server then sees no more than the limit
    // on the real clock is rate-limit-processes.test.ts's end-to-end case.
    const time = manualClock();
    const grantedAt: number[] = [];
    const client = clientFor(target, {
      rateLimit: { limit: 2, intervalMs: 1_000, safetyMarginMs: 0, clock: time.clock },
      // Right after the slot was granted, before the request leaves.
      onRequest: () => void grantedAt.push(time.clock.now()),
    });
    const sent = Promise.all(numberedMessages("wait", 6).map((each) => client.addInboundMessage(each)));
    await time.runUntil(sent);

    expect(target.arrivals).toHaveLength(6);
    // Two slots per window, the others waiting for the next: none is refused, none is early.
    expect(grantedAt).toEqual([0, 0, 1_000, 1_000, 2_000, 2_000]);
  });

  it("sends nothing and throws RateLimitWaitError when no slot comes within maxWaitMs", async () => {
    const target = await serve();
    const client = clientFor(target, { rateLimit: { key: "location-1", limit: 1, maxWaitMs: 0 } });
    await client.addInboundMessage(message!);
    const error = await rejectionOf(client.addInboundMessage(second!));

    expect(error).toBeInstanceOf(RateLimitWaitError);
    const waitError = error as RateLimitWaitError;
    expect(waitError.mayHaveBeenAdded).toBe(false);
    expect(waitError.key).toBe("location-1");
    expect(waitError.retryInMs).toBeGreaterThan(0);
    expect(waitError.cause).toBeInstanceOf(RateLimitWaitTimeoutError);
    expect(target.arrivals.map((arrival) => arrival.id)).toEqual([message!.altId]);
  });

  it("lets a 429 block the key for every client that shares the store, the retry after it included", async () => {
    const target = await serve(({ seenBefore }) =>
      seenBefore === 0 ? { status: 429, headers: { "Retry-After": "30" } } : { status: 200 },
    );
    const store = createMemoryStore();
    // Two replicas: each its own limiter, one store between them.
    const first = clientFor(target, { maxRetries: 0, rateLimit: { key: "location-1", store } });
    const other = clientFor(target, { rateLimit: { key: "location-1", store, maxWaitMs: 0 } });

    expect(await rejectionOf(first.addInboundMessage(message!))).toBeInstanceOf(RateLimitError);
    const error = (await rejectionOf(other.addInboundMessage(second!))) as RateLimitWaitError;
    expect(error).toBeInstanceOf(RateLimitWaitError);
    expect(error.retryInMs).toBeGreaterThan(20_000);
    expect(target.arrivals).toHaveLength(1);
  });

  it("blocks the key when a success says X-RateLimit-Remaining is 0", async () => {
    const target = await serve(() => ({ status: 200, headers: { "X-RateLimit-Remaining": "0" } }));
    const client = clientFor(target, { rateLimit: { key: "location-1", maxWaitMs: 0 } });
    await expect(client.addInboundMessage(message!)).resolves.toMatchObject({ success: true });
    expect(await rejectionOf(client.addInboundMessage(second!))).toBeInstanceOf(RateLimitWaitError);
    expect(target.arrivals).toHaveLength(1);
  });

  it("narrows the budget when HighLevel's headers say it is smaller than configured", async () => {
    const target = await serve(() => ({
      status: 200,
      headers: { "X-RateLimit-Max": "40", "X-RateLimit-Interval-Milliseconds": "20000" },
    }));
    const limiter = createRateLimiter();
    const client = clientFor(target, { rateLimit: { limiter, key: "location-1" } });
    expect(limiter.budgetFor("location-1")).toEqual({ limit: 100, intervalMs: 10_000 });
    await client.addInboundMessage(message!);
    expect(limiter.budgetFor("location-1")).toEqual({ limit: 40, intervalMs: 20_000 });
  });

  it("rejects with the caller's abort reason while waiting for a slot, and sends nothing", async () => {
    const target = await serve();
    const client = clientFor(target, { rateLimit: { key: "location-1", limit: 1, intervalMs: 5_000 } });
    await client.addInboundMessage(message!);
    const controller = new AbortController();
    const pending = client.addInboundMessage(second!, { signal: controller.signal });
    const reason = new Error("shutting down");
    setTimeout(() => controller.abort(reason), 20);
    expect(await rejectionOf(pending)).toBe(reason);
    expect(target.arrivals).toHaveLength(1);
  });

  it("shares one ready limiter between two clients", async () => {
    const target = await serve();
    const limiter = createRateLimiter({ limit: 1, intervalMs: 60_000, maxWaitMs: 0 });
    await clientFor(target, { rateLimit: limiter }).addInboundMessage(message!);
    const error = await rejectionOf(clientFor(target, { rateLimit: limiter }).addInboundMessage(second!));
    expect(error).toBeInstanceOf(RateLimitWaitError);
    expect(target.arrivals).toHaveLength(1);
  });

  it("resolves a send that HighLevel answered even when a hand-made limiter fails to take note", async () => {
    const target = await serve();
    const limiter: RateLimiter = {
      ...createRateLimiter(),
      observe: () => Promise.reject(new Error("broken observer")),
    };
    await expect(
      clientFor(target, { rateLimit: limiter }).addInboundMessage(message!),
    ).resolves.toMatchObject({
      success: true,
    });
  });

  it("resolves a send with a hand-made limiter that has no clock to tell the send time on", async () => {
    const target = await serve();
    const real = createRateLimiter();
    const observedSlots: unknown[] = [];
    const limiter = {
      acquire: real.acquire,
      observe: (key: string, observation: RateLimitObservation, slot?: { sentAt?: number }) => {
        observedSlots.push(slot);
        return real.observe(key, observation, slot as never);
      },
    } as unknown as RateLimiter;
    await expect(
      clientFor(target, { rateLimit: limiter }).addInboundMessage(message!),
    ).resolves.toMatchObject({ success: true });
    expect(target.requestCount).toBe(1);
    expect(observedSlots).toHaveLength(1);
    expect(observedSlots[0]).not.toHaveProperty("sentAt");
  });
});

describe("a client with rateLimit when Redis is gone", () => {
  async function redisClientThatLosesItsServer() {
    redis = await startRedis();
    return connectFailFastRedis(Redis, redis.port);
  }

  it('with onStoreError "throw": throws RateLimitStoreUnavailableError and sends nothing', async () => {
    const target = await serve();
    const connection = await redisClientThatLosesItsServer();
    try {
      const client = clientFor(target, {
        rateLimit: { key: "location-1", store: createRedisStore(connection), storeTimeoutMs: 1_000 },
      });
      await client.addInboundMessage(message!);
      await redis!.kill();
      const error = await rejectionOf(client.addInboundMessage(second!));

      expect(error).toBeInstanceOf(RateLimitStoreUnavailableError);
      const storeError = error as RateLimitStoreUnavailableError;
      expect(storeError.mayHaveBeenAdded).toBe(false);
      expect(storeError.key).toBe("location-1");
      expect(storeError.cause).toBeInstanceOf(RateLimitStoreError);
      expect(storeError.message).toMatch(/was not sent: the rate-limit store is unavailable/);
      expect(target.arrivals.map((arrival) => arrival.id)).toEqual([message!.altId]);
    } finally {
      connection.disconnect();
    }
  });

  it('with onStoreError "memory": carries on with its own budget, after reporting the outage once', async () => {
    const target = await serve();
    const connection = await redisClientThatLosesItsServer();
    try {
      const outages: unknown[] = [];
      const client = clientFor(target, {
        rateLimit: {
          key: "location-1",
          store: createRedisStore(connection),
          intervalMs: 200,
          onStoreError: "memory",
          onFallback: (error) => void outages.push(error),
        },
      });
      await client.addInboundMessage(message!);
      await redis!.kill();
      await client.addInboundMessage(second!);
      await client.addInboundMessage(third!);

      expect(outages).toHaveLength(1);
      expect(outages[0]).toBeInstanceOf(RateLimitStoreError);
      expect(target.arrivals.map((arrival) => arrival.id)).toEqual(
        [message, second, third].map((m) => m!.altId),
      );
    } finally {
      connection.disconnect();
    }
  });
});

describe("a rateLimit that cannot work", () => {
  it.each<[string, ClientOptions["rateLimit"], RegExp]>([
    ["a key that is the token", { key: TOKEN }, /rateLimit.key must not be the token/],
    ["a limiter that is not one", { limiter: {} as RateLimiter }, /rateLimit.limiter must be a limiter/],
    ["a string", "yes" as unknown as ClientOptions["rateLimit"], /rateLimit must be settings/],
  ])(
    "is refused at creation when it is %s, with a TypeError that never quotes the token",
    (_name, rateLimit, message) => {
      const create = () => createHighLevelClient({ accessToken: TOKEN, rateLimit });
      expect(create).toThrow(TypeError);
      expect(create).toThrow(message);
      try {
        create();
      } catch (error) {
        expect((error as Error).message).not.toContain(TOKEN);
      }
    },
  );

  it("refuses settings beside a ready limiter at compile time: the limiter's own settings apply", () => {
    const limiter = createRateLimiter();
    // @ts-expect-error settings beside a ready limiter
    const mixed: ClientOptions["rateLimit"] = { limiter, limit: 10, store: createMemoryStore() };
    const shared: ClientOptions["rateLimit"] = { limiter, key: "location-1" };
    expect([mixed, shared]).toHaveLength(2);
  });

  // Judged when the client is created, by the limiter's own rules (bundled with the client): a TypeError
  // that names the setting, before any client exists to send with.
  it.each<[string, ClientOptions["rateLimit"], string]>([
    ["a limit of 0", { limit: 0 }, "rateLimit.limit"],
    ["a fractional interval", { intervalMs: 1.5 }, "rateLimit.intervalMs"],
    ["an unknown onStoreError", { onStoreError: "retry" as never }, "rateLimit.onStoreError"],
    ["a negative safety margin", { safetyMarginMs: -1 }, "rateLimit.safetyMarginMs"],
    ["a clock without sleep", { clock: { now: () => 0 } as never }, "rateLimit.clock"],
    ["an empty key", { key: "" }, "rateLimit.key"],
    ["a key shaped like a token", { key: "pit-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d" }, "rateLimit.key"],
  ])("is refused when the client is created if it has %s", async (_name, rateLimit, option) => {
    const target = await serve();
    const create = () => clientFor(target, { rateLimit });
    expect(create).toThrow(TypeError);
    expect(create).toThrow(`createHighLevelClient: ${option} `);
    try {
      create();
    } catch (error) {
      expect((error as Error).message).not.toContain(TOKEN);
    }
    expect(target.arrivals).toHaveLength(0);
  });
});
