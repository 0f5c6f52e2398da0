import { createMemoryStore, type RateLimitStore } from "../../src/index.js";

/**
 * A store whose health the test switches: "up" delegates to a real memory store, "down" rejects
 * the way ioredis does when Redis has gone (with a code, and a message that carries a secret the
 * limiter must not repeat), "hanging" never answers. Only for conditions a live Redis cannot be
 * put in on cue inside a fake-timer test; the Redis tests cover the real thing.
 */
export function createSwitchableStore() {
  const healthy = createMemoryStore();
  let state: "up" | "down" | "hanging" = "up";
  const calls = { take: 0, block: 0 };
  const fail = () => {
    const error = new Error("connect ECONNREFUSED redis://default:s3cret-password@10.0.0.5:6379");
    Object.assign(error, { code: "ECONNREFUSED" });
    return Promise.reject(error);
  };
  const store: RateLimitStore = {
    take(key, limit, intervalMs) {
      calls.take++;
      if (state === "down") return fail();
      if (state === "hanging") return new Promise(() => {});
      return healthy.take(key, limit, intervalMs);
    },
    block(key, forMs) {
      calls.block++;
      if (state === "down") return fail();
      if (state === "hanging") return new Promise(() => {});
      return healthy.block(key, forMs);
    },
  };
  return {
    store,
    calls,
    set(next: "up" | "down" | "hanging") {
      state = next;
    },
  };
}

/** Lets a test ask whether a promise has settled without awaiting it. */
export function track<T>(promise: Promise<T>) {
  const tracked = { isSettled: false, value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      tracked.isSettled = true;
      tracked.value = value;
    },
    (error: unknown) => {
      tracked.isSettled = true;
      tracked.error = error;
    },
  );
  return tracked;
}
