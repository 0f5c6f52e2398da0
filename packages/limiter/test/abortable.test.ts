import { describe, expect, it } from "vitest";
import { settleUnlessAborted, settleWithin, sleep, TIMED_OUT } from "../src/abortable.js";

const never = new Promise<string>(() => {});

describe("sleep", () => {
  it("resolves after the delay, and rejects with the caller's own reason on abort", async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const reason = new Error("stop");
    const slept = sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(slept).rejects.toBe(reason);
  });
});

describe("settleUnlessAborted", () => {
  it("settles with the work, a plain value included", async () => {
    await expect(settleUnlessAborted("token")).resolves.toBe("token");
    await expect(settleUnlessAborted(Promise.resolve("token"), new AbortController().signal)).resolves.toBe(
      "token",
    );
  });

  it("rejects with the abort reason while the work never settles, and at once when already aborted", async () => {
    const controller = new AbortController();
    const pending = settleUnlessAborted(never, controller.signal);
    controller.abort("gone");
    await expect(pending).rejects.toBe("gone");
    await expect(settleUnlessAborted(never, AbortSignal.abort("before"))).rejects.toBe("before");
  });

  it("passes the work's own failure through", async () => {
    const failure = new Error("refresh failed");
    await expect(settleUnlessAborted(Promise.reject(failure), new AbortController().signal)).rejects.toBe(
      failure,
    );
  });
});

describe("settleWithin", () => {
  it("gives TIMED_OUT when the work outlasts the time", async () => {
    await expect(settleWithin(never, 5)).resolves.toBe(TIMED_OUT);
    await expect(settleWithin(Promise.resolve(1), 1000)).resolves.toBe(1);
  });
});
