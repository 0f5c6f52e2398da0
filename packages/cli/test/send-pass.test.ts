import { parseRateLimitInfo } from "@ghl-inbound/limiter";
import { describe, expect, it } from "vitest";
import type { InputRecord } from "../src/input-record.js";
import type { LineOutcome, LineToSend } from "../src/journaled-client.js";
import { LineStates } from "../src/line-states.js";
import { runSendPass } from "../src/send-pass.js";
import { RunStop } from "../src/stop.js";
import { numberedMessages } from "./helpers.js";

// The send pass reads the input a second time while lines are on the wire. The reads and the sends are
// stand-ins here (an async generator, promises the test settles), so the order of events is exact.
const options = {
  concurrency: 4,
  skipInvalid: false,
  resendUnknown: false,
  isDryRun: false,
  out: undefined,
  onProgress: () => {},
  onFailed: () => {},
};

const added: LineOutcome = {
  kind: "added",
  messageId: "m",
  // An answer with no rate-limit headers.
  rateLimit: parseRateLimitInfo(new Headers()),
};

describe("runSendPass", () => {
  it("waits for the lines on the wire when the input cannot be read again, then stops and rethrows", async () => {
    const bodies = numberedMessages("pass", 3);
    const editedUnderUs = new Error("line 4 is not UTF-8 any more");
    async function* records(): AsyncGenerator<InputRecord> {
      for (const [index, body] of bodies.entries())
        yield { line: index + 1, hash: `${index}`.padStart(16, "0"), body };
      throw editedUnderUs;
    }
    const answers: ((outcome: LineOutcome) => void)[] = [];
    const events: string[] = [];
    const sendLine = (line: LineToSend) =>
      new Promise<LineOutcome>((resolve) => {
        events.push(`sent ${line.line}`);
        answers.push((outcome) => {
          events.push(`answered ${line.line}`);
          resolve(outcome);
        });
      });
    const stop = new RunStop();
    const pass = runSendPass(records(), new LineStates(), sendLine, stop, options);
    pass.catch(() => {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["sent 1", "sent 2", "sent 3"]);
    expect(stop.signal.aborted).toBe(true);

    let isSettled = false;
    void pass.finally(() => (isSettled = true)).catch(() => {});
    for (const answer of answers.splice(0, 2)) answer(added);
    await new Promise((resolve) => setImmediate(resolve));
    // One line is still on the wire: the pass has not given up the run yet.
    expect(isSettled).toBe(false);
    answers[0]!(added);
    await expect(pass).rejects.toBe(editedUnderUs);
    expect(events.at(-1)).toBe("answered 3");
  });
});
