import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  CLI_PATH,
  numberedMessages,
  runCli,
  sendArgs,
  TOKEN,
  useCountingServers,
  withTempDir,
  writeJsonl,
} from "./helpers.js";

const startServer = useCountingServers();

describe("progress", () => {
  it("on a pipe: a plain line every --progress-interval, then the summary", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("pipe", 30));
      const server = await startServer();
      const run = await runCli(
        sendArgs(input, server.url, "--rate-limit", "10/1s", "--progress-interval", "500ms"),
      );
      expect(run.code).toBe(0);
      const lines = run.stderr.split("\n").filter((line) => line.startsWith("progress: "));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines[0]).toMatch(/^progress: \d+\/30 lines \(\d+ %\), [\d.]+\/s, 0 failed/);
      expect(run.stderr).toMatch(
        /Sent 30, failed 0, skipped 0 already added, unknown 0, invalid 0, not sent 0; elapsed [\d.]+ s\./,
      );
      expect(run.stderr).not.toContain("\u001b[");
    });
  });

  it("on a terminal: a progress bar with count, rate and ETA", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("tty", 20));
      const server = await startServer();
      // script(1) gives the command a pseudo-terminal, as an interactive shell would.
      const command = [
        process.execPath,
        CLI_PATH,
        "send",
        input,
        "--base-url",
        server.url,
        "--rate-limit",
        "10/1s",
      ]
        .map((part) => `'${part}'`)
        .join(" ");
      const { stdout } = await promisify(execFile)("script", ["-qec", command, "/dev/null"], {
        env: { ...process.env, GHL_ACCESS_TOKEN: TOKEN },
      });
      expect(stdout).toMatch(/\d+\/20 lines \| [\d.]+\/s \| ETA [^|]+ \| failed 0/);
      expect(stdout).toContain("Sent 20, failed 0");
      expect(stdout).not.toContain(TOKEN);
    });
  });
});
