import {
  type CountingServer,
  maxCountInAnyWindow,
  startCountingServer,
} from "@ghl-inbound/test-support/counting-server";
import { afterEach, describe, expect, it } from "vitest";
import { createRateLimiter } from "../src/index.js";

// A slot is taken when a request leaves; the server counts it when it arrives. If the first
// request of a window is slow (a new TLS connection, a congested link), it lands late, and the
// next window's requests, sent on time, land less than one interval after it.
const limit = 3;
const intervalMs = 500;
const slowFirstRequestMs = 150;

let server: CountingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sendTwoWindows(safetyMarginMs: number): Promise<number> {
  server = await startCountingServer();
  const { url } = server;
  const limiter = createRateLimiter({ limit, intervalMs, safetyMarginMs });
  const sending: Promise<unknown>[] = [];
  for (let index = 0; index < 2 * limit; index++) {
    await limiter.acquire("loc");
    const delayMs = index === 0 ? slowFirstRequestMs : 0;
    sending.push(
      new Promise((resolve) => setTimeout(resolve, delayMs)).then(() =>
        fetch(url, { method: "POST", body: JSON.stringify({ id: String(index) }) }).then((response) =>
          response.text(),
        ),
      ),
    );
  }
  await Promise.all(sending);
  return maxCountInAnyWindow(
    server.arrivals.map((arrival) => arrival.atMs),
    intervalMs,
  );
}

describe("latency skew between taking a slot and arriving", () => {
  it("without a safety margin, a slow first request lets the server count more than the limit", async () => {
    expect(await sendTwoWindows(0)).toBeGreaterThan(limit);
  });

  it("the default safety margin (250 ms) absorbs a first request slowed by 150 ms", async () => {
    expect(await sendTwoWindows(250)).toBeLessThanOrEqual(limit);
  });
});
