import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type CountingServer, startCountingServer } from "@ghl-inbound/test-support/counting-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { numberedMessages, readJsonl, runCli, sendArgs, TOKEN, withTempDir, writeJsonl } from "./helpers.js";

let server: CountingServer;
beforeEach(async () => {
  server = await startCountingServer();
});
afterEach(async () => {
  await server.close();
});

/** Five lines, two of them invalid: line 2 is not JSON, line 4 a Custom message without a provider id and a bad call status. */
async function writeMixedInput(path: string): Promise<void> {
  const [first, , third, , fifth] = numberedMessages("mixed", 5);
  const bad = { type: "Custom", contactId: "c1", altId: "mixed-4", call: { status: "ringing" } };
  await writeFile(
    path,
    [
      JSON.stringify(first),
      "{not json",
      JSON.stringify(third),
      JSON.stringify(bad),
      JSON.stringify(fifth),
    ].join("\n"),
  );
}

describe("validation before sending", () => {
  it("sends nothing when any line is invalid, names each line and field, and exits 2", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeMixedInput(input);
      const run = await runCli(sendArgs(input, server.url, "--out", join(dir, "out.jsonl")));
      expect(run.code).toBe(2);
      expect(server.requestCount).toBe(0);
      expect(run.stderr).toContain("line 2: (line) is not valid JSON");
      expect(run.stderr).toMatch(/line 4 \(altId mixed-4\): .*\/conversationProviderId is required/);
      expect(run.stderr).toMatch(/line 4 .*\/call\/status must be one of "pending"/);
      expect(run.stderr).toContain("Nothing was sent: 2 of 5 lines are invalid");
      const out = await readJsonl(join(dir, "out.jsonl"));
      expect(out.map((result) => [result.line, result.status])).toEqual([
        [2, "invalid"],
        [4, "invalid"],
      ]);
      expect(run.stderr + run.stdout).not.toContain(TOKEN);
    });
  });

  it("with --skip-invalid sends the valid lines, reports the others, and exits 1", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeMixedInput(input);
      const run = await runCli(sendArgs(input, server.url, "--skip-invalid", "--out", "-"));
      expect(run.code).toBe(1);
      expect([...server.added.keys()].sort()).toEqual(["mixed-1", "mixed-3", "mixed-5"]);
      const out = run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { line: number; status: string; messageId?: string });
      expect(out.sort((a, b) => a.line - b.line).map((result) => result.status)).toEqual([
        "added",
        "invalid",
        "added",
        "invalid",
        "added",
      ]);
      expect(out[0]?.messageId).toBe("msg-mixed-1");
    });
  });

  it("with --dry-run checks and plans but sends nothing and writes no journal", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("dry", 4));
      const run = await runCli(sendArgs(input, server.url, "--dry-run"), {
        env: { GHL_ACCESS_TOKEN: "" },
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain("4 lines: 4 to send.");
      expect(server.requestCount).toBe(0);
      await expect(readJsonl(`${input}.journal`)).rejects.toThrow(/ENOENT/);
    });
  });

  it("refuses to run without GHL_ACCESS_TOKEN, and never takes a token from a flag", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.jsonl");
      await writeJsonl(input, numberedMessages("token", 1));
      const missing = await runCli(sendArgs(input, server.url), {
        env: { GHL_ACCESS_TOKEN: "" },
      });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("set GHL_ACCESS_TOKEN");
      const flag = await runCli(["send", input, "--token", TOKEN]);
      expect(flag.code).toBe(2);
      expect(flag.stderr).toContain(
        "unknown flag --token: the access token is read from GHL_ACCESS_TOKEN only",
      );
      expect(flag.stderr).not.toContain(TOKEN);
      expect(server.requestCount).toBe(0);
    });
  });

  it("refuses a plain-http base URL that is not loopback before reading the input (the token would travel in clear)", async () => {
    const run = await runCli(sendArgs("/nonexistent/history.jsonl", "http://example.com"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ghl-inbound: .*http/);
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("prints help with examples", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: ghl-inbound send FILE [options]");
    expect(run.stdout).toContain("Examples:");
    expect(run.stdout).toContain("--resend-unknown");
  });
});
