import { describe, expect, it } from "vitest";
import { emitHook } from "../src/hooks.js";

describe("emitHook", () => {
  it("passes the event to the hook", () => {
    const seen: number[] = [];
    emitHook(
      (event: number) => void seen.push(event),
      () => 7,
    );
    expect(seen).toEqual([7]);
  });

  it("does not build the event without a hook", () => {
    let isBuilt = false;
    emitHook<number>(undefined, () => {
      isBuilt = true;
      return 1;
    });
    expect(isBuilt).toBe(false);
  });

  it("swallows an event that fails to build, as it does a hook that throws", () => {
    expect(() =>
      emitHook(
        () => {},
        () => {
          throw new Error("headers could not be copied");
        },
      ),
    ).not.toThrow();
  });

  it("swallows a hook that throws, so an observer cannot change the outcome", () => {
    expect(() =>
      emitHook(
        () => {
          throw new Error("broken logger");
        },
        () => 1,
      ),
    ).not.toThrow();
  });

  it("swallows a hook that rejects, leaving no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      emitHook(
        () => Promise.reject(new Error("broken async logger")),
        () => 1,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });
});
