import { type RedisServer, startRedis } from "@ghl-inbound/test-support/redis-server";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRateLimiter,
  createRedisStore,
  RateLimitStoreError,
  type RedisEvalClient,
  type TakeResult,
} from "../src/index.js";

let server: RedisServer;
const clients: { disconnect(): unknown }[] = [];
let testNumber = 0;

beforeAll(async () => {
  server = await startRedis();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(async () => {
  await server?.stop();
});

/** A fresh connection, as another process would open; configured as the README advises. */
async function connect(port = server.port): Promise<Redis> {
  const redis = new Redis({ host: "127.0.0.1", port, lazyConnect: true, enableOfflineQueue: false });
  redis.on("error", () => {});
  clients.push(redis);
  await redis.connect();
  return redis;
}

/** Each test writes under its own prefix, so the tests share one server without sharing keys. */
function nextPrefix(): string {
  return `test-${++testNumber}:`;
}

const allowed: TakeResult = { allowed: true, retryInMs: 0 };

describe("createRedisStore over ioredis", () => {
  it("lets exactly limit requests through per interval, then answers the wait from the oldest entry", async () => {
    const store = createRedisStore(await connect(), { prefix: nextPrefix() });
    // Each says how many slots it left: the last, none.
    for (const remaining of [2, 1, 0])
      expect(await store.take("loc", 3, 1000)).toMatchObject({ ...allowed, remaining });
    const refused = await store.take("loc", 3, 1000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryInMs).toBeGreaterThan(0);
    expect(refused.retryInMs).toBeLessThanOrEqual(1000);
  });

  it("is atomic: 60 concurrent takes over 4 connections let exactly the limit through", async () => {
    const prefix = nextPrefix();
    const stores = await Promise.all(
      [1, 2, 3, 4].map(async () => createRedisStore(await connect(), { prefix })),
    );
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, index) => stores[index % 4]!.take("loc", 25, 60_000)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(25);
  });

  it("frees a slot once the interval has passed", async () => {
    const store = createRedisStore(await connect(), { prefix: nextPrefix() });
    expect(await store.take("loc", 1, 100)).toMatchObject(allowed);
    const refused = await store.take("loc", 1, 100);
    await new Promise((resolve) => setTimeout(resolve, refused.retryInMs + 5));
    expect(await store.take("loc", 1, 100)).toMatchObject(allowed);
  });

  it("waits for enough entries to expire when a smaller limit is asked for", async () => {
    const store = createRedisStore(await connect(), { prefix: nextPrefix() });
    for (let index = 0; index < 3; index++) await store.take("loc", 3, 60_000);
    expect((await store.take("loc", 1, 60_000)).allowed).toBe(false);
    expect((await store.take("loc", 4, 60_000)).allowed).toBe(true);
  });

  it("shares a block with every connection, never shortens it, and lets it expire", async () => {
    const prefix = nextPrefix();
    const storeA = createRedisStore(await connect(), { prefix });
    const storeB = createRedisStore(await connect(), { prefix });
    await storeA.block("loc", 5000);
    await storeA.block("loc", 10);
    const refused = await storeB.take("loc", 100, 1000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryInMs).toBeGreaterThan(4000);
    expect(refused.retryInMs).toBeLessThanOrEqual(5000);
    expect(await storeB.take("other-loc", 100, 1000)).toMatchObject(allowed);

    await storeA.block("short", 30);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await storeB.take("short", 100, 1000)).toMatchObject(allowed);
  });

  it("writes only prefixed, hash-tagged keys that expire with their window", async () => {
    const redis = await connect();
    const prefix = nextPrefix();
    const store = createRedisStore(redis, { prefix });
    await store.take("loc-1", 5, 2000);
    await store.block("loc-1", 3000);
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([
      `${prefix}{loc-1}:block`,
      `${prefix}{loc-1}:log`,
    ]);
    const logTtl = await redis.pttl(`${prefix}{loc-1}:log`);
    expect(logTtl).toBeGreaterThan(0);
    expect(logTtl).toBeLessThanOrEqual(2000);
  });

  it("counts every connection's slots still out over the widest delay spread any of them reported", async () => {
    const prefix = nextPrefix();
    const slow = createRedisStore(await connect(), { prefix });
    const quiet = createRedisStore(await connect(), { prefix });
    // The slow process saw answers from 20 to 5_020 ms: a 5 s spread on a 100 ms interval.
    const slowDelays = { intervalMs: 100, highMs: 5_020, lowMs: 20 };
    expect(await slow.take("loc", 1, 150, slowDelays)).toMatchObject(allowed);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The quiet one has learned nothing yet: it still counts the slot, for 100 ms + 5 s from its take.
    const refused = await quiet.take("loc", 1, 350, { intervalMs: 100, highMs: undefined, lowMs: undefined });
    expect(refused.allowed).toBe(false);
    expect(refused.retryInMs).toBeGreaterThan(4_000);
    // A store that takes no part in sharing (no report) counts over its own window only.
    expect((await quiet.take("loc", 1, 350)).retryInMs).toBeLessThanOrEqual(350);
  });

  it("keeps the log for the widest window, when a wider spread is reported after its requests were logged", async () => {
    const store = createRedisStore(await connect(), { prefix: nextPrefix() });
    // Logged with a 200 ms window: the log key would expire after 200 ms.
    expect(await store.take("loc", 1, 200, { intervalMs: 100, highMs: 100, lowMs: 0 })).toMatchObject(
      allowed,
    );
    await store.share?.("loc", 200, { intervalMs: 100, highMs: 30_000, lowMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await store.take("loc", 1, 200, { intervalMs: 100, highMs: 10, lowMs: 0 })).allowed).toBe(false);
  });

  it("anchors a window block to the window's first request, and a plain one to now", async () => {
    const store = createRedisStore(await connect(), { prefix: nextPrefix() });
    await store.take("loc", 5, 60_000);
    // The first request is moments old: a window block lasts nearly all of its 60 s from it.
    const windowBlock = await store.block("loc", 60_000, "window");
    expect(windowBlock).toBeGreaterThan(50_000);
    expect(windowBlock).toBeLessThanOrEqual(60_000);
    // With no request in the log, the window starts now.
    expect(await store.block("empty", 30_000, "window")).toBeGreaterThan(25_000);
    expect(await store.block("plain", 20_000)).toBeGreaterThan(15_000);
  });

  it("settles a slot: it stops counting one interval after its answer, or at the end of its window if sooner", async () => {
    const redis = await connect();
    const prefix = nextPrefix();
    const store = createRedisStore(redis, { prefix });
    const report = { intervalMs: 30_000, highMs: 100, lowMs: 0 };
    const settling = { ...report, windowMs: 60_000 };
    const first = await store.take("loc", 2, 60_000, report);
    const second = await store.take("loc", 2, 60_000, report);
    // Both still out: the wait is for one interval after the first was taken (it may settle early).
    const whileOut = await store.take("loc", 2, 60_000, report);
    expect(whileOut.allowed).toBe(false);
    expect(whileOut.retryInMs).toBeGreaterThan(29_000);
    expect(whileOut.retryInMs).toBeLessThanOrEqual(30_000);
    // The first answered 40 s after it was taken: its window (60 s) ends first. The second answered
    // at once: it stops counting 30_110 ms after it was taken.
    await store.settle?.("loc", first.slotId!, { ...settling, countsForMs: 70_000 });
    await store.settle?.("loc", second.slotId!, { ...settling, countsForMs: 30_110 });
    const settled = await store.take("loc", 2, 60_000, report);
    expect(settled.allowed).toBe(false);
    expect(settled.retryInMs).toBeGreaterThan(29_000);
    expect(settled.retryInMs).toBeLessThanOrEqual(30_110);
    expect(await redis.zcard(`${prefix}{loc}:log`)).toBe(0);
    expect(await redis.zcard(`${prefix}{loc}:answered`)).toBe(2);
    const ttl = await redis.pttl(`${prefix}{loc}:answered`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // A block for a full window ends when the first slot that counts stops counting.
    const block = await store.block("loc", 60_100, "window");
    expect(block).toBeGreaterThan(29_000);
    expect(block).toBeLessThanOrEqual(30_110);
  });

  it("settles a slot told when its request left: one interval and the widest leaving-to-answer spread reported after it left", async () => {
    const redis = await connect();
    const prefix = nextPrefix();
    const store = createRedisStore(redis, { prefix });
    // A wide spread from slot to answer (a burst, a cold start): a slot still out counts for 50 s. Wide
    // gaps between the ends below: Redis's clock runs on while the test awaits, more on a busy machine.
    const report = { intervalMs: 30_000, highMs: 20_000, lowMs: 0 };
    const settling = { ...report, windowMs: 50_000, countsForMs: 40_000 };
    const first = await store.take("loc", 2, 50_000, report);
    const second = await store.take("loc", 2, 50_000, report);
    // One process's answers came 1150 to 2150 ms after its requests left; the other's, 1150 to 1160 ms.
    await store.settle?.("loc", first.slotId!, {
      ...settling,
      sentAfterMs: 5,
      wireMs: 2150,
      wireHighMs: 2150,
      wireLowMs: 1150,
    });
    await store.settle?.("loc", second.slotId!, {
      ...settling,
      sentAfterMs: 5,
      wireMs: 1160,
      wireHighMs: 1160,
      wireLowMs: 1150,
    });
    // For a taker whose answers come 1150 ms after its requests leave, each counts 30_000 + 5 + 1000 from
    // when it was taken, the second too (not 30_015). For one that cannot tell (its request may arrive as
    // soon as it leaves): 30_000 + 5 + 2150.
    const told = { ...report, wireHighMs: 1160, wireLowMs: 1150 };
    const refused = await store.take("loc", 2, 50_000, told);
    expect(refused.allowed).toBe(false);
    expect(refused.retryInMs).toBeGreaterThan(30_500);
    expect(refused.retryInMs).toBeLessThanOrEqual(31_005);
    const untold = await store.take("loc", 2, 50_000, report);
    expect(untold.retryInMs).toBeGreaterThan(31_700);
    expect(untold.retryInMs).toBeLessThanOrEqual(32_155);
    await store.settle?.("loc", "unknown", {
      ...settling,
      sentAfterMs: 5,
      wireMs: 1160,
      wireHighMs: 1160,
      wireLowMs: 1150,
    });
    expect(Number(await redis.get(`${prefix}{loc}:wire-high`))).toBe(2150);
    const ttl = await redis.pttl(`${prefix}{loc}:wire-high`);
    expect(ttl).toBeGreaterThan(49_000);
    expect(ttl).toBeLessThanOrEqual(50_000);
  });

  it("settles a process's first slot from when it left, told only its own leaving-to-answer time", async () => {
    const redis = await connect();
    const prefix = nextPrefix();
    const store = createRedisStore(redis, { prefix });
    // A cold slot (bounded by its answer, 40 s after it was taken) from a process with one answer: it
    // tells its own leaving-to-answer time (1160 ms with the margin), and no spread.
    const cold = { intervalMs: 30_000, highMs: 250, lowMs: 0 };
    const slot = await store.take("loc", 1, 30_250, cold);
    await store.settle?.("loc", slot.slotId!, {
      ...cold,
      windowMs: 40_000,
      countsForMs: 40_000,
      sentAfterMs: 5,
      wireMs: 1160,
    });
    // Its own time counts for its own slot, not as the key's slowest.
    expect(await redis.get(`${prefix}{loc}:wire-high`)).toBeNull();
    // A taker whose answers come 1150 ms after leaving: 30_000 + 5 + 1160 - 1150, not the answer's 40 s.
    const told = await store.take("loc", 1, 30_250, { ...cold, wireHighMs: 1160, wireLowMs: 1150 });
    expect(told.retryInMs).toBeGreaterThan(29_500);
    expect(told.retryInMs).toBeLessThanOrEqual(30_015);
    // One that tells no fastest (its request may arrive as soon as it leaves): 30_000 + 5 + 1160.
    const untold = await store.take("loc", 1, 30_250, cold);
    expect(untold.retryInMs).toBeGreaterThan(30_700);
    expect(untold.retryInMs).toBeLessThanOrEqual(31_165);
  });

  it("counts a settled slot for each taker until its own fastest delay calls for, one interval after the answer at most", async () => {
    const store = createRedisStore(await connect(), { prefix: nextPrefix() });
    // The settler's delays: 1155 ms every time (the slowest reported with a 10 ms margin). Wide gaps
    // between the ends below: Redis's clock runs on while the test awaits, more on a busy machine.
    const settler = { intervalMs: 30_000, highMs: 1165, lowMs: 1155 };
    const slot = await store.take("loc", 1, 30_010, settler);
    await store.settle?.("loc", slot.slotId!, { ...settler, windowMs: 30_010, countsForMs: 31_156 });
    const retryFor = async (lowMs: number) =>
      (await store.take("loc", 1, 30_010, { intervalMs: 30_000, highMs: lowMs + 10, lowMs })).retryInMs;
    // The settler (30_000 + 1165 - 1155), a taker 555 ms sooner, and one whose requests may arrive at once.
    const [same, nearer, cold] = [await retryFor(1155), await retryFor(600), await retryFor(0)];
    expect(same).toBeGreaterThan(29_600);
    expect(same).toBeLessThanOrEqual(30_010);
    expect(nearer).toBeGreaterThan(30_200);
    expect(nearer).toBeLessThanOrEqual(30_565);
    expect(cold).toBeGreaterThan(30_750);
    expect(cold).toBeLessThanOrEqual(31_156);
    // A taker's own fastest delay may come from a few answers: the key's (0, reported just now) counts if lower.
    const again = await retryFor(1155);
    expect(again).toBeGreaterThan(30_750);
    expect(again).toBeLessThanOrEqual(31_156);
  });

  it("settles a slot it no longer holds as counting one interval from now", async () => {
    const store = createRedisStore(await connect(), { prefix: nextPrefix() });
    const report = { intervalMs: 30_000, highMs: 20, lowMs: 10 };
    await store.settle?.("loc", "unknown-slot", { ...report, windowMs: 30_010, countsForMs: 30_015 });
    const refused = await store.take("loc", 1, 30_010, report);
    expect(refused.allowed).toBe(false);
    expect(refused.retryInMs).toBeGreaterThan(29_000);
    expect(refused.retryInMs).toBeLessThanOrEqual(30_000);
  });

  it("settles a slot whose end has passed as gone, and leaves no key without a TTL", async () => {
    const redis = await connect();
    const prefix = nextPrefix();
    const store = createRedisStore(redis, { prefix });
    const report = { intervalMs: 500, highMs: 100, lowMs: 0 };
    const first = await store.take("loc", 5, 600, report);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Another take keeps the log alive past the first slot's window (600 ms), until 1100 ms.
    await store.take("loc", 5, 600, report);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await store.settle?.("loc", first.slotId!, { ...report, windowMs: 600, countsForMs: 10_000 });
    expect(await redis.exists(`${prefix}{loc}:answered`)).toBe(0);
  });

  it("uses the default prefix when none is given", async () => {
    const redis = await connect();
    await createRedisStore(redis).take("default-prefix-loc", 5, 1000);
    expect(await redis.exists("ghl-inbound:rate-limit:{default-prefix-loc}:log")).toBe(1);
  });
});

describe("createRedisStore over node-redis", () => {
  it("works through the README's adapter", async () => {
    const client = createClient({ socket: { host: "127.0.0.1", port: server.port } });
    client.on("error", () => {});
    await client.connect();
    clients.push({ disconnect: () => client.destroy() });
    const adapter: RedisEvalClient = {
      eval: (script, numKeys, ...args) =>
        client.eval(script, { keys: args.slice(0, numKeys), arguments: args.slice(numKeys) }),
    };
    const prefix = nextPrefix();
    const store = createRedisStore(adapter, { prefix });
    expect(await store.take("loc", 1, 60_000)).toMatchObject(allowed);
    expect((await store.take("loc", 1, 60_000)).allowed).toBe(false);
    await store.block("loc-2", 5000);
    // The same keys as through ioredis: both clients can serve one fleet.
    const viaIoredis = createRedisStore(await connect(), { prefix });
    expect((await viaIoredis.take("loc-2", 5, 1000)).allowed).toBe(false);
  });
});

describe("a limiter over the Redis store", () => {
  it("shares a 429 seen by one replica with another, through Redis", async () => {
    const prefix = nextPrefix();
    const replicaA = createRateLimiter({ store: createRedisStore(await connect(), { prefix }) });
    const replicaB = createRateLimiter({ store: createRedisStore(await connect(), { prefix }) });
    await replicaA.observe("loc", { status: 429, retryAfterMs: 30_000 });
    await expect(replicaB.acquire("loc", { maxWaitMs: 1000 })).rejects.toMatchObject({
      name: "RateLimitWaitTimeoutError",
    });
  });

  describe("when Redis is down", () => {
    let deadPort: number;
    beforeAll(async () => {
      const dead = await startRedis();
      deadPort = dead.port;
      await dead.kill();
    });

    it("throws RateLimitStoreError at once when the client does not queue (enableOfflineQueue: false)", async () => {
      const redis = new Redis({ host: "127.0.0.1", port: deadPort, enableOfflineQueue: false });
      redis.on("error", () => {});
      clients.push(redis);
      const limiter = createRateLimiter({ store: createRedisStore(redis), storeTimeoutMs: 5000 });
      const error = await limiter.acquire("loc").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitStoreError);
      // Refused by the client, not timed out by the limiter.
      expect(error).toMatchObject({ operation: "take", timeoutMs: undefined });
    });

    it("throws RateLimitStoreError after storeTimeoutMs when the client queues commands (ioredis defaults)", async () => {
      // An offline queue and 20 retries per request would otherwise hold acquire for seconds.
      const redis = new Redis({ host: "127.0.0.1", port: deadPort });
      redis.on("error", () => {});
      clients.push(redis);
      const limiter = createRateLimiter({ store: createRedisStore(redis), storeTimeoutMs: 300 });
      const error = await limiter.acquire("loc").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitStoreError);
      expect(error).toMatchObject({ operation: "take", timeoutMs: 300 });
    });
  });

  it("throws RateLimitStoreError, keeping the cause, when the reply is not the script's", async () => {
    const redis = await connect();
    const wrongScript: RedisEvalClient = { eval: () => redis.eval("return 'OK'", 0) };
    const limiter = createRateLimiter({ store: createRedisStore(wrongScript) });
    const error = await limiter.acquire("loc").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitStoreError);
    expect((error as RateLimitStoreError).cause).toBeInstanceOf(TypeError);
  });
});
