// A call's awaited steps: `beforeSend` runs before each attempt leaves and may refuse it;
// `beforeRetry` runs before the wait for a resend. Against a real local server that counts requests.
import { afterEach, describe, expect, it } from "vitest";
import { createHighLevelClient } from "../src/client.js";
import { AttemptRefusedError, RateLimitError } from "../src/errors.js";
import { isAttemptRefusedError } from "../src/guards.js";
import { type MisbehavingServer, SMS, SUCCESS, startMisbehavingServer, TOKEN } from "./helpers.js";

let server: MisbehavingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clientOf = (target: MisbehavingServer) =>
  createHighLevelClient({ accessToken: TOKEN, baseUrl: target.url, maxRetryAfterMs: 2_000 });

describe("beforeSend", () => {
  it("is awaited before each attempt leaves", async () => {
    server = await startMisbehavingServer([
      { status: 429, headers: { "Retry-After": "0" } },
      { status: 201, json: SUCCESS },
    ]);
    const target = server;
    const seenBySend: number[] = [];
    const data = await clientOf(target).addInboundMessage(SMS, {
      beforeSend: async ({ attempt }) => {
        // Held a while: the request must not leave before this resolves.
        await new Promise((resolve) => setTimeout(resolve, 50));
        seenBySend.push(attempt * 10 + target.requests.length);
      },
    });
    expect(data).toEqual(SUCCESS);
    // Attempt 1 saw no request yet; attempt 2 saw only the first.
    expect(seenBySend).toEqual([10, 21]);
    expect(target.requests).toHaveLength(2);
  });

  it("refuses the attempt when it throws: nothing is sent, AttemptRefusedError with its cause", async () => {
    server = await startMisbehavingServer({ status: 201, json: SUCCESS });
    const journalFull = Object.assign(new Error("no space"), { code: "ENOSPC" });
    const error = await clientOf(server)
      .addInboundMessage(SMS, {
        beforeSend: () => {
          throw journalFull;
        },
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AttemptRefusedError);
    expect(isAttemptRefusedError(error)).toBe(true);
    expect((error as AttemptRefusedError).mayHaveBeenAdded).toBe(false);
    expect((error as AttemptRefusedError).cause).toBe(journalFull);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(0);
  });
});

describe("beforeRetry", () => {
  it("is awaited after a 429, before the wait; throwing ends the call with the 429, sent once", async () => {
    server = await startMisbehavingServer([
      { status: 429, headers: { "Retry-After": "1" } },
      { status: 201, json: SUCCESS },
    ]);
    const seen: string[] = [];
    const error = await clientOf(server)
      .addInboundMessage(SMS, {
        beforeRetry: ({ error: failed, delayMs }) => {
          seen.push(`${failed.name} ${delayMs}`);
          throw new Error("journal broken");
        },
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(seen).toEqual(["RateLimitError 1000"]);
    expect(server.requests).toHaveLength(1);
  });
});
