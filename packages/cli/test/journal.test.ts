import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatRecord, JournalDamagedError, JournalWriter, readJournal } from "../src/journal.js";
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

const HASH = "0123456789abcdef";
const at = "2024-01-01T00:00:00.000Z";

describe("the journal", () => {
  it("keeps the last word on each line: started, then done or failed", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "j.journal");
      const journal = await JournalWriter.open(path);
      await Promise.all([
        journal.append({ event: "started", line: 1, hash: HASH, at }),
        journal.append({ event: "started", line: 2, hash: HASH, at }),
        journal.append({ event: "started", line: 3, hash: HASH, at }),
        journal.append({ event: "started", line: 4, hash: HASH, at }),
      ]);
      await journal.append({ event: "done", line: 1, hash: HASH, messageId: "m1", at });
      const error = { name: "ServerError", message: "500" };
      await journal.append({ event: "failed", line: 2, hash: HASH, error, mayHaveBeenAdded: true, at });
      await journal.append({ event: "failed", line: 3, hash: HASH, error, mayHaveBeenAdded: false, at });
      await journal.close();
      const { states } = await readJournal(path, { keepMessageIds: true });
      expect([1, 2, 3, 4, 5].map((line) => states.stateOf(line))).toEqual([
        "done",
        "failedMayHaveBeenAdded",
        "failed",
        "started",
        "new",
      ]);
      expect(states.messageIdOf(1)).toBe("m1");
      expect(states.isChanged(1, HASH)).toBe(false);
      expect(states.isChanged(1, "fedcba9876543210")).toBe(true);
      expect((await readJsonl(path)).length).toBe(7);
    });
  });

  it("ignores a torn last record, and cuts it off before appending, so the file stays valid JSONL", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "j.journal");
      const first = formatRecord(1, { event: "started", line: 1, hash: HASH, at });
      const second = formatRecord(2, { event: "done", line: 1, hash: HASH, messageId: "m1", at });
      await writeFile(path, first + second.slice(0, 30));
      const loaded = await readJournal(path, { keepMessageIds: false });
      expect(loaded.unreadableLines).toBe(1);
      expect(loaded.lastSeq).toBe(1);
      const journal = await JournalWriter.open(path, loaded.lastSeq);
      await journal.append({ event: "started", line: 2, hash: HASH, at });
      await journal.close();
      const { states, unreadableLines, lastSeq } = await readJournal(path, { keepMessageIds: false });
      expect(unreadableLines).toBe(0);
      expect(lastSeq).toBe(2);
      expect(states.stateOf(1)).toBe("started");
      expect(states.stateOf(2)).toBe("started");
      expect(await readFile(path, "utf8")).toBe(
        first + formatRecord(2, { event: "started", line: 2, hash: HASH, at }),
      );
    });
  });

  it("cuts off an unreadable last line that ends in a newline too, so the run after next still reads", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "j.journal");
      const first = formatRecord(1, { event: "started", line: 1, hash: HASH, at });
      // A power loss that kept a later page but not an earlier one: zeros, then a record's tail.
      await writeFile(path, `${first}\u0000\u0000\u0000"at":"${at}"}\n`);
      const loaded = await readJournal(path, { keepMessageIds: false });
      expect(loaded.unreadableLines).toBe(1);
      const journal = await JournalWriter.open(path, loaded.lastSeq, loaded.wholeBytes);
      await journal.append({ event: "started", line: 2, hash: HASH, at });
      await journal.close();
      const { unreadableLines, lastSeq } = await readJournal(path, { keepMessageIds: false });
      expect(unreadableLines).toBe(0);
      expect(lastSeq).toBe(2);
    });
  });

  it("takes a whole last record without its newline for torn: its write never ended", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "j.journal");
      const record = formatRecord(1, { event: "started", line: 1, hash: HASH, at });
      await writeFile(path, record.slice(0, -1));
      const { states, unreadableLines } = await readJournal(path, { keepMessageIds: false });
      expect(unreadableLines).toBe(1);
      expect(states.stateOf(1)).toBe("new");
    });
  });

  it.each([
    [
      "a record with a wrong checksum",
      (records: string[]) => records.splice(1, 1, records[1]!.replace("m1", "m2")),
    ],
    ["a record that is not the journal's", (records: string[]) => records.splice(1, 1, '{"event":"done"}')],
    ["a record missing", (records: string[]) => records.splice(1, 1)],
    ["records swapped", (records: string[]) => records.splice(1, 2, records[2]!, records[1]!)],
  ])("refuses a journal with %s before its end", async (_name, damage) => {
    await withTempDir(async (dir) => {
      const path = join(dir, "j.journal");
      const records = [
        formatRecord(1, { event: "started", line: 1, hash: HASH, at }),
        formatRecord(2, { event: "done", line: 1, hash: HASH, messageId: "m1", at }),
        formatRecord(3, { event: "started", line: 2, hash: HASH, at }),
        formatRecord(4, { event: "started", line: 3, hash: HASH, at }),
      ];
      damage(records);
      await writeFile(
        path,
        records.map((record) => (record.endsWith("\n") ? record : `${record}\n`)).join(""),
      );
      await expect(readJournal(path, { keepMessageIds: false })).rejects.toBeInstanceOf(JournalDamagedError);
    });
  });

  describe("under the command", () => {
    const startServer = useCountingServers();

    it("resumes from a journal whose last record a kill tore, and reports it", async () => {
      await withTempDir(async (dir) => {
        const input = join(dir, "history.jsonl");
        await writeJsonl(input, numberedMessages("torn", 6));
        const server = await startServer();
        expect((await runCli(sendArgs(input, server.url))).code).toBe(0);
        await appendFile(`${input}.journal`, '{"seq":99,"event":"started","line":7,"ha');
        await appendFile(input, `${JSON.stringify(numberedMessages("more", 1)[0])}\n`);
        const run = await runCli(sendArgs(input, server.url));
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toContain("its last record, torn by a killed run, is ignored and cut off");
        expect(server.added.size).toBe(7);
        expect(duplicatesOf(server.added)).toEqual([]);
        // readJsonl throws on any line that is not JSON: the torn record is gone.
        expect((await readJsonl(`${input}.journal`)).length).toBeGreaterThan(7 * 2);
      });
    });

    it("reads stdin through a temporary file when given --journal, and resumes from it", async () => {
      await withTempDir(async (dir) => {
        const bodies = numberedMessages("stdin", 5);
        const text = bodies.map((body) => JSON.stringify(body)).join("\n");
        const journal = join(dir, "stdin.journal");
        const server = await startServer();
        const noJournal = await runCli(sendArgs("-", server.url), { stdin: text });
        expect(noJournal.code).toBe(2);
        expect(noJournal.stderr).toContain("reading stdin needs --journal FILE");
        const first = await runCli(sendArgs("-", server.url, "--journal", journal), {
          stdin: text,
        });
        expect(first.code, first.stderr).toBe(0);
        const again = await runCli(sendArgs("-", server.url, "--journal", journal), {
          stdin: text,
        });
        expect(again.code).toBe(0);
        expect(again.stderr).toContain("5 already added");
        expect(server.requestCount).toBe(5);
      });
    });
  });
});
