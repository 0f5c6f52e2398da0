import { type AddressInfo, createServer } from "node:net";
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

interface OutLine {
  line: number;
  altId: string;
  status: string;
  messageId?: string;
  error?: { name: string; message: string; status?: number; mayHaveBeenAdded: boolean };
}
const startServer = useCountingServers();

describe("failures, handled as the client handles them", () => {
  it("waits out 429s from a server stricter than --rate-limit, and adds every line once", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("burst", 24));
      const server = await startServer({ burst: { limit: 5, intervalMs: 1_000 } });
      const run = await runCli(sendArgs(input, server.url, "--rate-limit", "20/1s", "--concurrency", "4"));
      expect(run.code, run.stderr).toBe(0);
      // Why it went slower than --rate-limit, said once.
      expect(
        run.stderr.match(/Rate budget: the server's X-RateLimit headers allow 5 per 1\.0 s/g),
      ).toHaveLength(1);
      expect(server.added.size).toBe(24);
      expect(duplicatesOf(server.added)).toEqual([]);
      // The limiter learns the server's budget from its first answers (X-RateLimit-Max) and its 429s.
      expect(server.overLimit).toBeLessThan(10);
    });
  });

  it("does not resend a 5xx (it may have been added): reported, journaled, and unknown to the next run", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("five", 8));
      const server = await startServer({
        answer: ({ id, seenBefore }) =>
          id === "five-3"
            ? { status: 500 }
            : id === "five-6" && seenBefore === 0
              ? { status: 400 }
              : undefined,
      });
      const out = join(dir, "out.jsonl");
      const first = await runCli(sendArgs(input, server.url, "--out", out));
      expect(first.code).toBe(1);
      expect(first.stderr).toMatch(
        /line 3 \(altId five-3\): ServerError: .*500.* \[mayHaveBeenAdded: true\]/,
      );
      expect(first.stderr).toMatch(
        /line 6 \(altId five-6\): BadRequestError: .* \[mayHaveBeenAdded: false\]/,
      );
      const results = await readJsonl<OutLine>(out);
      expect(results).toHaveLength(8);
      const byLine = new Map(results.map((result) => [result.line, result]));
      expect(byLine.get(3)).toMatchObject({
        status: "failed",
        error: { name: "ServerError", status: 500, mayHaveBeenAdded: true },
      });
      expect(byLine.get(6)).toMatchObject({
        status: "failed",
        error: { name: "BadRequestError", mayHaveBeenAdded: false },
      });
      expect(byLine.get(1)).toEqual({ line: 1, altId: "five-1", status: "added", messageId: "msg-five-1" });

      const journal = await readJsonl<{ event: string; line?: number; mayHaveBeenAdded?: boolean }>(
        `${input}.journal`,
      );
      expect(journal.filter((record) => record.event === "started")).toHaveLength(8);
      expect(journal.filter((record) => record.event === "done")).toHaveLength(6);
      expect(journal.find((record) => record.event === "failed" && record.line === 3)?.mayHaveBeenAdded).toBe(
        true,
      );

      // The 400 (certainly not added) is sent again; the 500 (maybe added) is listed, not resent.
      const second = await runCli(sendArgs(input, server.url, "--out", out));
      expect(second.code).toBe(1);
      expect(second.stderr).toContain("line 3 (altId five-3)");
      expect(server.arrived.get("five-3")).toBe(1);
      expect(server.arrived.get("five-6")).toBe(2);
      expect(server.added.get("five-6")).toBe(1);
      expect((await readJsonl<OutLine>(out)).map((result) => result.status).sort()).toEqual(
        [...Array(6).fill("already-added"), "added", "unknown"].sort(),
      );
    });
  });

  it("stops at the first 401 instead of failing every line with it", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("auth", 30));
      const server = await startServer({ answer: () => ({ status: 401 }), answerDelayMs: 20 });
      const run = await runCli(sendArgs(input, server.url, "--concurrency", "2"));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("HighLevel refused the access token (401)");
      expect(server.requestCount).toBeLessThanOrEqual(2);
      expect(run.stderr).toMatch(/not sent 2[89]/);
    });
  });
});

describe("words for a server that is not there", () => {
  it("names the URL it could not reach, and says 1 line, not 1 lines", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("refused", 1));
      // A port that was just free: nothing listens there any more.
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
      await new Promise((resolve) => probe.close(resolve));
      const run = await runCli(sendArgs(input, url));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("1 line: 1 to send.");
      expect(run.stderr).toContain(`HighLevel cannot be reached at ${new URL(url).origin} (ECONNREFUSED`);
    });
  });
});
