import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  duplicatesOf,
  numberedMessages,
  runCli,
  sendArgs,
  startCli,
  TOKEN,
  useCountingServers,
  withTempDir,
  writeJsonl,
} from "./helpers.js";

const LINES = 40;
const RATE = ["--rate-limit", "10/1s"];
const FAST = ["--rate-limit", "off"];

interface JournalLine {
  event: string;
  line?: number;
  altId?: string;
  mayHaveBeenAdded?: boolean;
}

/**
 * The last event of each line in a journal: "started" alone means the outcome is unknown. Every line
 * must be JSON, except a last one torn by a SIGKILL (the next run cuts it off).
 */
async function lastEvents(path: string): Promise<Map<number, string>> {
  const lines = (await readFile(path, "utf8")).split("\n");
  const torn = lines.pop();
  const records = lines.map((line) => JSON.parse(line) as JournalLine);
  if (torn !== "") expect(() => JSON.parse(torn ?? "")).toThrow();
  const last = new Map<number, string>();
  for (const record of records) {
    if (record.line !== undefined) last.set(record.line, record.event);
  }
  return last;
}
const startServer = useCountingServers();

describe("resuming", () => {
  it("after SIGINT: requests on the wire finish and are journaled, lines waiting for a slot are not sent, exit 130, and a re-run delivers every line exactly once", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("int", LINES));
      const burst = 10;
      let interrupt = () => {};
      // Ctrl-C as the last slot of the minute is used: its request and the others are on the wire
      // (answers are held a while), and the other lanes wait for a slot that frees only in a minute.
      const server = await startServer({
        answerDelayMs: 500,
        onArrival: (count) => count === burst && interrupt(),
      });
      const first = startCli(sendArgs(input, server.url, "--rate-limit", `${burst}/1m`));
      interrupt = () => first.child.kill("SIGINT");
      const stopped = await first.exited;
      expect(stopped.code, stopped.stderr).toBe(130);
      expect(stopped.stderr).toContain("SIGINT: finishing the requests in flight");
      expect(stopped.stderr).toContain("Interrupted: requests in flight were finished and journaled");
      // The lines waiting for a slot were taken back, not sent when their slot came.
      expect(server.requestCount).toBe(burst);
      expect(stopped.stderr).toContain(`Sent ${burst}, failed 0`);
      expect(stopped.stderr).toContain(`not sent ${LINES - burst}`);
      // Sixteen lanes wait on the run's stop at once: no listener-leak warning for that.
      expect(stopped.stderr).not.toContain("Warning");
      // Nothing was left without an outcome: every request that left was answered and journaled.
      const events = await lastEvents(`${input}.journal`);
      expect([...events.values()].every((event) => event === "done")).toBe(true);
      expect(events.size).toBe(burst);

      const resumed = await runCli(sendArgs(input, server.url, ...FAST));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`${LINES - burst} to send, ${burst} already added`);
      expect(server.added.size).toBe(LINES);
      expect(duplicatesOf(server.added)).toEqual([]);
      expect(server.requestCount).toBe(LINES);
      expect(stopped.stderr + resumed.stderr).not.toContain(TOKEN);
    });
  });

  it("after SIGKILL mid-request: a re-run never sends a line twice, and lists the unknown ones by altId and line", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("kill", LINES));
      let kill = () => {};
      // Answers are held 400 ms: at the kill, several requests are on the wire and their answers never come back.
      const server = await startServer({
        answerDelayMs: 400,
        onArrival: (count) => count === 15 && kill(),
      });
      const first = startCli(sendArgs(input, server.url, ...RATE));
      kill = () => first.child.kill("SIGKILL");
      expect((await first.exited).signal).toBe("SIGKILL");
      const arrivedInFirstRun = new Set(server.arrived.keys());
      const events = await lastEvents(`${input}.journal`);
      const doneLines = [...events].filter(([, event]) => event === "done").map(([line]) => line);
      // The requests on the wire when the process died: the server has them, the journal has no outcome.
      const inFlightAtKill = [...arrivedInFirstRun].filter(
        (altId) => !doneLines.includes(Number(altId.split("-")[1])),
      );
      expect(inFlightAtKill.length).toBeGreaterThan(0);

      const resumed = await runCli(sendArgs(input, server.url, ...RATE));
      expect(resumed.code, resumed.stderr).toBe(1);
      for (const altId of inFlightAtKill) {
        expect(resumed.stderr).toContain(`line ${altId.split("-")[1]} (altId ${altId})`);
      }
      expect(resumed.stderr).toMatch(/may have been added/);
      expect(duplicatesOf(server.added)).toEqual([]);
      const unknownCount = [...(await lastEvents(`${input}.journal`)).values()].filter(
        (event) => event === "started",
      ).length;
      expect(resumed.stderr).toContain(`unknown ${unknownCount}`);
      // Added: every line but the unknown ones that never reached the server (killed between fsync and send).
      expect(server.added.size).toBe(LINES - (unknownCount - inFlightAtKill.length));

      // A third run still resends none of them: unknown stays unknown until the user says otherwise.
      const again = await runCli(sendArgs(input, server.url, ...RATE));
      expect(again.code).toBe(1);
      expect(duplicatesOf(server.added)).toEqual([]);

      // --resend-unknown sends them: those that had arrived are now added twice, as the help warns.
      const forced = await runCli(sendArgs(input, server.url, ...RATE, "--resend-unknown"));
      expect(forced.code, forced.stderr).toBe(0);
      // It says which lines it resends and that they may be added twice, before sending them.
      expect(forced.stderr).toContain("Resending (--resend-unknown) these lines");
      expect(forced.stderr).toContain("will be added twice");
      expect(forced.stderr).toMatch(/of which \d+ unknown resent \(--resend-unknown/);
      expect(server.added.size).toBe(LINES);
      expect(duplicatesOf(server.added).sort()).toEqual([...inFlightAtKill].sort());
    });
  });

  it("after SIGKILL while waiting out a 429's Retry-After: the refused line is sent again, not unknown", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("wait", 4));
      const server = await startServer({
        answer: ({ id, seenBefore }) =>
          id === "wait-3" && seenBefore === 0 ? { status: 429, headers: { "Retry-After": "10" } } : undefined,
      });
      const first = startCli(sendArgs(input, server.url, "--concurrency", "1"));
      // Killed once the 429 is journaled: the run is then waiting out its Retry-After.
      await first.waitForFile(`${input}.journal`, /"RateLimitError"/);
      first.child.kill("SIGKILL");
      await first.exited;
      expect(server.arrived.get("wait-3")).toBe(1);

      const resumed = await runCli(sendArgs(input, server.url));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).not.toContain("altId wait-3");
      expect(server.added.get("wait-3")).toBe(1);
      expect(duplicatesOf(server.added)).toEqual([]);
    });
  });

  it("SIGTERM stops like Ctrl-C, a second signal exits at once; the journal stays readable and the line in flight is reported unknown", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("twice", 5));
      let terminate = () => {};
      // Line 3 hangs for good: only the second signal can end the run, and it must end it at once.
      const server = await startServer({
        answer: ({ count }) => (count === 3 ? "hang" : undefined),
        onArrival: (count) => count === 3 && terminate(),
      });
      const run = startCli(sendArgs(input, server.url, "--concurrency", "1"));
      terminate = () => run.child.kill("SIGTERM");
      await run.waitFor(/SIGTERM: finishing the requests in flight/);
      run.child.kill("SIGINT");
      const exit = await run.exited;
      expect(exit.code).toBe(130);
      expect(exit.stderr).toContain("SIGINT again: exiting now");

      const resumed = await runCli(sendArgs(input, server.url));
      expect(resumed.code).toBe(1);
      expect(resumed.stderr).toContain("line 3 (altId twice-3)");
      expect([...server.added.keys()].sort()).toEqual(["twice-1", "twice-2", "twice-4", "twice-5"]);
    });
  });

  it("refuses to resume from a journal when the input changed under it", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      const bodies = numberedMessages("edit", 3);
      await writeJsonl(input, bodies);
      const server = await startServer();
      expect((await runCli(sendArgs(input, server.url))).code).toBe(0);
      await writeJsonl(input, [
        bodies[0],
        { ...bodies[1], message: "edited" },
        bodies[2],
        ...numberedMessages("new", 1),
      ]);
      const rerun = await runCli(sendArgs(input, server.url));
      expect(rerun.code).toBe(2);
      expect(rerun.stderr).toContain("line 2 differs");
      expect(server.requestCount).toBe(3);
    });
  });
});
