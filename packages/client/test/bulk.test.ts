// sendInboundMessages against a real local server that counts what it received and answered.
import { createHash } from "node:crypto";
import {
  type Answer,
  type CountingServer,
  type CountingServerOptions,
  startCountingServer,
} from "@ghl-inbound/test-support/counting-server";
import { afterEach, describe, expect, it } from "vitest";
import {
  BadRequestError,
  type BulkProgress,
  type BulkResult,
  type ClientOptions,
  ConnectionError,
  createHighLevelClient,
  HighLevelError,
  MessageInterruptedError,
  MessageSkippedError,
  ServerError,
  sendInboundMessages,
  ValidationError,
} from "../src/index.js";
import { numberedMessages, rejectionOf, TOKEN } from "./helpers.js";

let server: CountingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: CountingServerOptions = {}): Promise<CountingServer> {
  server = await startCountingServer(options);
  return server;
}

function clientFor(target: CountingServer, options: Partial<ClientOptions> = {}) {
  return createHighLevelClient({ accessToken: TOKEN, baseUrl: target.url, timeoutMs: 5_000, ...options });
}

type Fate = "ok" | "500" | "503" | "429-once" | "429-twice" | "reset";

/** Each altId's fate, fixed by a hash of it: the same on every run, spread over the whole list. */
function fateOf(altId: string): Fate {
  const bucket = createHash("sha256").update(altId).digest()[0]! % 20;
  if (bucket === 0) return "500";
  if (bucket === 1) return "503";
  if (bucket === 2 || bucket === 3) return "429-once";
  if (bucket === 4) return "429-twice";
  if (bucket === 5) return "reset";
  return "ok";
}

function scriptedAnswer({ id, seenBefore }: { id: string; seenBefore: number }): Answer {
  const fate = fateOf(id);
  const tooMany = { status: 429, headers: { "Retry-After": "0.02" } };
  if (fate === "500") return { status: 500 };
  if (fate === "503") return { status: 503 };
  if (fate === "reset") return "reset";
  if (fate === "429-once" && seenBefore < 1) return tooMany;
  if (fate === "429-twice" && seenBefore < 2) return tooMany;
  return { status: 200 };
}

function errorOf(result: BulkResult | undefined): HighLevelError {
  if (result === undefined || result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

describe("sendInboundMessages", () => {
  // 300 messages through real Retry-After waits: a bound for a run on two busy cores, not a speed claim.
  it("sends a few hundred messages at most once each, through 429s, 5xx and resets, with a result for every one", async () => {
    const target = await serve({ answer: scriptedAnswer, answerDelayMs: 2 });
    const messages = numberedMessages("bulk", 300);
    const fates = messages.map((message) => fateOf(message.altId));
    // The hash spreads the fates: every kind is in the list, so every branch below is exercised.
    for (const fate of ["ok", "500", "503", "429-once", "429-twice", "reset"] as const) {
      expect(fates.filter((each) => each === fate).length, fate).toBeGreaterThan(3);
    }
    const progress: BulkProgress[] = [];
    const results = await sendInboundMessages(clientFor(target), messages, {
      concurrency: 8,
      onProgress: (report) => void progress.push(report),
    });

    expect(results).toHaveLength(300);
    expect(results.map((result) => result.index)).toEqual(messages.map((_, index) => index));
    messages.forEach((message, index) => {
      const result = results[index]!;
      const counts = target.countsFor(message.altId);
      // At most once: only 429s (which add nothing) are ever followed by another send of the same message.
      expect(counts.answeredNot429, message.altId).toBe(1);
      expect(counts.answered2xx, message.altId).toBeLessThanOrEqual(1);
      expect(result.ok, message.altId).toBe(counts.answered2xx === 1);
      switch (fates[index]) {
        case "ok":
        case "429-once":
        case "429-twice":
          expect(result.ok && result.data.messageId).toBe(`msg-${message.altId}`);
          break;
        case "500":
        case "503": {
          const error = errorOf(result);
          expect(error).toBeInstanceOf(ServerError);
          expect(error.status).toBe(Number(fates[index]));
          expect(error.mayHaveBeenAdded).toBe(true);
          break;
        }
        case "reset": {
          const error = errorOf(result);
          expect(error).toBeInstanceOf(ConnectionError);
          expect(error.mayHaveBeenAdded).toBe(true);
          break;
        }
      }
    });
    expect(target.maxInFlight).toBeLessThanOrEqual(8);
    expect(target.maxInFlight).toBeGreaterThan(1);

    expect(progress.map((report) => report.done)).toEqual(messages.map((_, index) => index + 1));
    const succeeded = results.filter((result) => result.ok).length;
    expect(progress.at(-1)).toEqual({
      done: 300,
      total: 300,
      succeeded,
      failed: 300 - succeeded,
      skipped: 0,
    });
  }, 60_000);

  it("on abort, starts nothing more, interrupts what is in flight and still gives a result for every message", async () => {
    const controller = new AbortController();
    const abortAfterArrivals = 30;
    const concurrency = 4;
    let startedBeforeAbort = 0;
    const target = await serve({
      answerDelayMs: 20,
      onArrival: (count) => {
        if (count === abortAfterArrivals) {
          startedBeforeAbort = new Set(target.arrivals.map((arrival) => arrival.id)).size;
          controller.abort(new Error("deploying"));
        }
      },
    });
    const messages = numberedMessages("abort", 120);
    const progress: BulkProgress[] = [];
    const results = await sendInboundMessages(clientFor(target), messages, {
      concurrency,
      signal: controller.signal,
      onProgress: (report) => void progress.push(report),
    });

    expect(results).toHaveLength(120);
    const skipped = results.filter((result) => !result.ok && result.error instanceof MessageSkippedError);
    const interrupted = results.filter(
      (result) => !result.ok && result.error instanceof MessageInterruptedError,
    );
    const started = results.length - skipped.length;
    // Started before the abort: the ones that had arrived, plus at most the other lanes' requests in flight.
    expect(started).toBeGreaterThanOrEqual(startedBeforeAbort);
    expect(started).toBeLessThanOrEqual(abortAfterArrivals + concurrency);
    // Lanes take messages in order, so the skipped ones are exactly the tail.
    expect(skipped.map((result) => result.index)).toEqual(
      Array.from({ length: 120 - started }, (_, offset) => started + offset),
    );
    expect(interrupted.length).toBeGreaterThan(0);
    for (const result of interrupted) {
      const error = errorOf(result) as MessageInterruptedError;
      expect(error.isAborted).toBe(true);
      expect(error.mayHaveBeenAdded).toBe(true);
      expect(error.cause).toBe(controller.signal.reason);
    }
    for (const result of skipped) {
      const error = errorOf(result) as MessageSkippedError;
      expect(error.reason).toBe("aborted");
      expect(error.mayHaveBeenAdded).toBe(false);
    }
    // Give anything still on the wire time to land: no skipped message ever reaches the server.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const arrived = new Set(target.arrivals.map((arrival) => arrival.id));
    for (const result of skipped) expect(arrived.has(messages[result.index]!.altId)).toBe(false);

    const dones = progress.map((report) => report.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ done: 120, total: 120, skipped: skipped.length });
  });

  it("with stopOnError, starts nothing after the first failure and says which error stopped it", async () => {
    const target = await serve({
      answer: ({ id }) => ({ status: id === "stop-5" ? 400 : 200 }),
    });
    const messages = numberedMessages("stop", 40);
    const results = await sendInboundMessages(clientFor(target), messages, {
      concurrency: 2,
      stopOnError: true,
    });

    const failure = errorOf(results[5]);
    expect(failure).toBeInstanceOf(BadRequestError);
    const skipped = results.filter((result) => !result.ok && result.error instanceof MessageSkippedError);
    expect(skipped.length).toBeGreaterThanOrEqual(40 - 5 - 2);
    for (const result of skipped) {
      const error = errorOf(result) as MessageSkippedError;
      expect(error.reason).toBe("stopped");
      expect(error.cause).toBe(failure);
      expect(result.index).toBeGreaterThan(5);
    }
    expect(target.arrivals).toHaveLength(40 - skipped.length);
  });

  it("with a stopOnError function, stops only where it says so", async () => {
    const target = await serve({ answer: ({ id }) => ({ status: id === "pick-3" ? 400 : 200 }) });
    const results = await sendInboundMessages(clientFor(target), numberedMessages("pick", 10), {
      stopOnError: (error) => error.name === "AuthenticationError",
    });
    expect(results.filter((result) => result.ok)).toHaveLength(9);
    expect(errorOf(results[3])).toBeInstanceOf(BadRequestError);
  });

  it("reports a message the spec refuses as ValidationError, sends nothing for it, and sends the others", async () => {
    const target = await serve();
    const [first, , third] = numberedMessages("mixed", 3);
    const refused = { type: "SMS", message: "no ids", altId: "mixed-bad" } as unknown as typeof first;
    const results = await sendInboundMessages(clientFor(target), [first!, refused!, third!]);
    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(errorOf(results[1])).toBeInstanceOf(ValidationError);
    expect(target.arrivals.map((arrival) => arrival.id)).toEqual(["mixed-0", "mixed-2"]);
  });

  it("skips every message, sending none, when the signal is already aborted", async () => {
    const target = await serve();
    const reason = new Error("too late");
    const results = await sendInboundMessages(clientFor(target), numberedMessages("late", 5), {
      signal: AbortSignal.abort(reason),
    });
    expect(results.map((result) => !result.ok && result.error.name)).toEqual(
      Array(5).fill("MessageSkippedError"),
    );
    expect(errorOf(results[0]).cause).toBe(reason);
    expect(target.arrivals).toHaveLength(0);
  });

  it("keeps going when onProgress throws", async () => {
    const target = await serve();
    const results = await sendInboundMessages(clientFor(target), numberedMessages("hook", 3), {
      onProgress: () => {
        throw new Error("broken logger");
      },
    });
    expect(results.every((result) => result.ok)).toBe(true);
  });

  it("reports a token function that throws as MessageInterruptedError, not a rejection of the whole run", async () => {
    const target = await serve();
    const client = clientFor(target, {
      accessToken: () => {
        throw new Error("vault unreachable");
      },
    });
    const results = await sendInboundMessages(client, numberedMessages("vault", 2));
    const error = errorOf(results[0]) as MessageInterruptedError;
    expect(error).toBeInstanceOf(MessageInterruptedError);
    expect(error.isAborted).toBe(false);
    expect((error.cause as Error).message).toBe("vault unreachable");
    expect(target.arrivals).toHaveLength(0);
  });

  it("resolves with no results for no messages", async () => {
    const target = await serve();
    await expect(sendInboundMessages(clientFor(target), [])).resolves.toEqual([]);
  });

  it.each([
    ["a concurrency of 0", { concurrency: 0 }, RangeError],
    ["a concurrency of 1.5", { concurrency: 1.5 }, RangeError],
    ["a concurrency over 100", { concurrency: 101 }, RangeError],
    ["a signal that is not an AbortSignal", { signal: {} as AbortSignal }, TypeError],
    ["an onProgress that is not a function", { onProgress: 1 as never }, TypeError],
  ])("refuses %s before sending anything", async (_name, options, ErrorClass) => {
    const target = await serve();
    const error = await rejectionOf(
      sendInboundMessages(clientFor(target), numberedMessages("bad", 2), options),
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(target.arrivals).toHaveLength(0);
  });

  it("refuses messages that are not an array", async () => {
    const target = await serve();
    const error = await rejectionOf(sendInboundMessages(clientFor(target), "x" as never));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(HighLevelError);
  });
});
