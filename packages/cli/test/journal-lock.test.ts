// One run per journal: two runs on one journal would each send the lines the other has not finished.
import { symlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import type { CountingServer } from "@ghl-inbound/test-support/counting-server";
import { describe, expect, it } from "vitest";
import {
  type CliRun,
  duplicatesOf,
  numberedMessages,
  runCli,
  sendArgs,
  startCli,
  useCountingServers,
  withTempDir,
  writeJsonl,
} from "./helpers.js";

const LINES = 200;
const FAST = ["--rate-limit", "off"];
const BURST = 10;
/**
 * One burst, then a wait of a minute for the next slot: the run holds its journal while a second run
 * starts, however slowly that one comes up.
 */
const ONE_BURST = ["--rate-limit", `${BURST}/1m`];
const startServer = useCountingServers();

/** Stops the run that held the journal (Ctrl-C), and checks a re-run finishes the file with nothing added twice. */
async function expectResumable(first: CliRun, input: string, server: CountingServer): Promise<void> {
  first.child.kill("SIGINT");
  const stopped = await first.exited;
  expect(stopped.code, stopped.stderr).toBe(130);
  const resumed = await runCli(sendArgs(input, server.url, ...FAST));
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(resumed.stderr).toContain(`${BURST} already added`);
  expect(server.requestCount).toBe(LINES);
  expect(server.added.size).toBe(LINES);
  expect(duplicatesOf(server.added)).toEqual([]);
}

describe("one run per journal", () => {
  it("two runs started together on one file and journal add each line once", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("twice", LINES));
      const server = await startServer({ answerDelayMs: 20 });
      const [first, second] = await Promise.all([
        runCli(sendArgs(input, server.url, ...FAST)),
        runCli(sendArgs(input, server.url, ...FAST)),
      ]);
      expect(server.added.size).toBe(LINES);
      expect(duplicatesOf(server.added)).toEqual([]);
      expect(server.requestCount).toBe(LINES);
      // The one that lost the race refused (2), or started after the other ended and found all done (0).
      expect([first.code, second.code].sort()).toEqual(
        first.code === 0 && second.code === 0 ? [0, 0] : [0, 2],
      );
    });
  });

  it("a second run while the first sends exits 2 naming the journal, pid and host, and sends nothing", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("second", LINES));
      let startSecond = () => {};
      const server = await startServer({ onArrival: (count) => count === BURST && startSecond() });
      const first = startCli(sendArgs(input, server.url, ...ONE_BURST));
      const second = await new Promise<Awaited<ReturnType<typeof runCli>>>((resolve) => {
        startSecond = () => resolve(runCli(sendArgs(input, server.url, ...FAST)));
      });
      expect(second.code, second.stderr).toBe(2);
      expect(second.stderr).toContain(`${input}.journal`);
      expect(second.stderr).toContain(`pid ${first.child.pid}`);
      expect(second.stderr).toContain(hostname());
      expect(server.requestCount).toBe(BURST);
      await expectResumable(first, input, server);
    });
  });

  it("locks the journal by its real path: the same journal named through a symlink is refused", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("linked", LINES));
      const aliased = join(dir, "alias.journal");
      await symlink(`${input}.journal`, aliased);
      let startSecond = () => {};
      const server = await startServer({ onArrival: (count) => count === BURST && startSecond() });
      const first = startCli(sendArgs(input, server.url, ...ONE_BURST));
      const second = await new Promise<Awaited<ReturnType<typeof runCli>>>((resolve) => {
        startSecond = () => resolve(runCli(sendArgs(input, server.url, ...FAST, "--journal", aliased)));
      });
      expect(second.code, second.stderr).toBe(2);
      expect(second.stderr).toContain(`pid ${first.child.pid}`);
      expect(server.requestCount).toBe(BURST);
      await expectResumable(first, input, server);
    });
  });

  it("takes over the lock of a dead run on this host, and says so", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("stale", 5));
      // A pid above the kernel's pid_max (4194304 at most) is never alive.
      const dead = { pid: 4_194_305, host: hostname(), startedAt: "2026-01-01T00:00:00.000Z" };
      await writeFile(`${input}.journal.lock`, JSON.stringify(dead));
      const server = await startServer();
      const run = await runCli(sendArgs(input, server.url, ...FAST));
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`took over the lock of run ${dead.pid} on ${dead.host}`);
      expect(server.added.size).toBe(5);
    });
  });

  it("does not take over a lock from another PID namespace (a container sharing the volume and hostname)", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("other-ns", 5));
      const holder = {
        pid: 4_194_305,
        host: hostname(),
        startedAt: "2026-01-01T00:00:00.000Z",
        pidNamespace: "pid:[1]",
      };
      await writeFile(`${input}.journal.lock`, JSON.stringify(holder));
      const server = await startServer();
      const run = await runCli(sendArgs(input, server.url, ...FAST));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`pid ${holder.pid} on ${holder.host}`);
      expect(server.requestCount).toBe(0);
    });
  });

  it("three runs started together on a dead run's lock: one takes it over, each line is added once", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("stale-race", 100));
      const dead = { pid: 4_194_305, host: hostname(), startedAt: "2026-01-01T00:00:00.000Z" };
      await writeFile(`${input}.journal.lock`, JSON.stringify(dead));
      const server = await startServer({ answerDelayMs: 20 });
      const runs = await Promise.all([1, 2, 3].map(() => runCli(sendArgs(input, server.url, ...FAST))));
      expect(duplicatesOf(server.added)).toEqual([]);
      expect(
        runs.filter((run) => run.code === 0).length,
        runs.map((run) => run.stderr).join("\n"),
      ).toBeGreaterThan(0);
      for (const run of runs) expect([0, 2]).toContain(run.code);
      expect(server.added.size).toBe(100);
    });
  });

  it("does not take over a lock held on another host", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("other-host", 5));
      const holder = { pid: 1, host: "another-host.example", startedAt: "2026-01-01T00:00:00.000Z" };
      await writeFile(`${input}.journal.lock`, JSON.stringify(holder));
      const server = await startServer();
      const run = await runCli(sendArgs(input, server.url, ...FAST));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("pid 1 on another-host.example");
      expect(server.requestCount).toBe(0);
    });
  });
});
