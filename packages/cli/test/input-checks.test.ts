// The input is checked before anything exists: no journal, no request, exit 2, naming the path,
// the flag or the lines at fault.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { numberedMessages, runCli, sendArgs, useCountingServers, withTempDir } from "./helpers.js";

const FAST = ["--rate-limit", "off"];
const startServer = useCountingServers();

const message = (altId: string, text: string) =>
  JSON.stringify({ ...numberedMessages(altId, 1)[0], altId, message: text });

/** Runs the command on `input` and checks nothing was written or sent. */
async function refused(input: string, ...flags: string[]) {
  const server = await startServer();
  const run = await runCli(sendArgs(input, server.url, ...FAST, ...flags));
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(existsSync(`${input}.journal`)).toBe(false);
  expect(server.requestCount).toBe(0);
  return run;
}

describe("the input's encoding", () => {
  it("refuses a file that is not UTF-8, naming its lines", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "latin1.jsonl");
      const lines = [message("a", "plain"), message("b", "café"), message("c", "ok"), message("d", "señor")];
      await writeFile(input, Buffer.from(`${lines.join("\n")}\n`, "latin1"));
      const run = await refused(input);
      expect(run.stderr).toContain("lines 2, 4 are not valid UTF-8");
      expect(run.stderr).toContain("--encoding windows-1252");
    });
  });

  it.each([
    ["latin1", "latin1" as const],
    ["windows-1252", "latin1" as const],
    ["utf-16le", "utf16le" as const],
  ])("sends a %s export with --encoding, every letter intact", async (encoding, nodeEncoding) => {
    await withTempDir(async (dir) => {
      const input = join(dir, "legacy.jsonl");
      const text = `${message("e-1", "café señor")}\n${message("e-2", "naïve")}\n`;
      const bom = nodeEncoding === "utf16le" ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0);
      await writeFile(input, Buffer.concat([bom, Buffer.from(text, nodeEncoding)]));
      const server = await startServer();
      const run = await runCli(sendArgs(input, server.url, ...FAST, "--encoding", encoding));
      expect(run.code, run.stderr).toBe(0);
      const sent = server.arrivals.map((arrival) => (arrival.body as { message: string }).message).sort();
      expect(sent).toEqual(["café señor", "naïve"]);
    });
  });

  it("takes a UTF-8 file with a byte-order mark", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "bom.jsonl");
      await writeFile(input, `\uFEFF${message("bom-1", "héllo")}\n`);
      const server = await startServer();
      const run = await runCli(sendArgs(input, server.url, ...FAST));
      expect(run.code, run.stderr).toBe(0);
      expect(server.arrivals.map((arrival) => (arrival.body as { message: string }).message)).toEqual([
        "héllo",
      ]);
    });
  });

  it("refuses an unknown --encoding, naming the flag", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "x.jsonl");
      await writeFile(input, `${message("x", "x")}\n`);
      expect((await refused(input, "--encoding", "ebcdic")).stderr).toContain("--encoding must be one of");
    });
  });
});

describe("CSV headers", () => {
  it.each(["__proto__.baseUrl", "constructor.prototype.baseUrl", "call.__proto__"])(
    "refuses the header %s before reading a row",
    async (header) => {
      await withTempDir(async (dir) => {
        const input = join(dir, "hostile.csv");
        await writeFile(
          input,
          `type,contactId,message,${header}\nSMS,ve9EPM428h8vShlRW1KT,hi,http://127.0.0.1:9\n`,
        );
        const run = await refused(input);
        expect(run.stderr).toContain(`the header "${header}"`);
      });
    },
  );
});

describe("inputs that cannot be sent", () => {
  it("an empty file", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "empty.jsonl");
      await writeFile(input, "\n\n");
      expect((await refused(input)).stderr).toContain(`${input} has no lines to send`);
    });
  });

  it("a missing file, named", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "missing.jsonl");
      const run = await refused(input);
      expect(run.stderr).toContain(`${input}: no such file`);
      expect(run.stderr).not.toContain("ENOENT");
    });
  });

  it("a directory, named", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "folder.jsonl");
      await mkdir(input);
      expect((await refused(input)).stderr).toContain(`${input}: it is a directory, not a file`);
    });
  });

  it("an empty --rate-limit-key, naming the flag", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "x.jsonl");
      await writeFile(input, `${message("k", "k")}\n`);
      expect((await refused(input, "--rate-limit-key", "")).stderr).toContain(
        "--rate-limit-key must be a non-empty string",
      );
    });
  });
});
