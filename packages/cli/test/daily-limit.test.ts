import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  duplicatesOf,
  numberedMessages,
  readJsonl,
  runCli,
  sendArgs,
  useCountingServers,
  withTempDir,
  writeJsonl,
} from "./helpers.js";

const startServer = useCountingServers();

describe("HighLevel's daily limit", () => {
  it("stops when the headers show the day's budget spent, exits 3, and a re-run the next day finishes the file", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("day", 40));
      const server = await startServer({ daily: { limit: 25 }, answerDelayMs: 20 });
      const first = await runCli(
        sendArgs(input, server.url, "--concurrency", "4", "--out", join(dir, "out.jsonl")),
      );
      expect(first.code, first.stderr).toBe(3);
      expect(first.stderr).toContain("HighLevel's daily limit is reached");
      expect(first.stderr).toContain("re-run the same command");
      expect(server.added.size).toBe(25);
      // Not hammering: past the budget, only the requests already in flight went out.
      expect(server.requestCount).toBeLessThanOrEqual(25 + 3);
      const out = await readJsonl<{ status: string }>(join(dir, "out.jsonl"));
      expect(out).toHaveLength(40);
      expect(out.filter((result) => result.status === "added")).toHaveLength(25);

      server.setDailyLimit(1_000);
      const nextDay = await runCli(sendArgs(input, server.url, "--concurrency", "4"));
      expect(nextDay.code, nextDay.stderr).toBe(0);
      expect(server.added.size).toBe(40);
      expect(duplicatesOf(server.added)).toEqual([]);
    });
  });

  it("stops on a 429 whose X-RateLimit-Daily-Remaining is 0 and says when to resume from its Retry-After", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("spent", 20));
      const spent = { status: 429, headers: { "X-RateLimit-Daily-Remaining": "0", "Retry-After": "7200" } };
      let isNewDay = false;
      const server = await startServer({
        answer: ({ count }) => (count > 8 && !isNewDay ? spent : undefined),
      });
      const first = await runCli(sendArgs(input, server.url, "--concurrency", "2"));
      expect(first.code, first.stderr).toBe(3);
      expect(first.stderr).toContain("HighLevel accepts requests again in 2 h 0 min");
      expect(server.requestCount).toBeLessThanOrEqual(8 + 2);

      isNewDay = true;
      const resumed = await runCli(sendArgs(input, server.url, "--concurrency", "2"));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(server.added.size).toBe(20);
      expect(duplicatesOf(server.added)).toEqual([]);
    });
  });
});
