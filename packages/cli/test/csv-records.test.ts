import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeHeaderProblems } from "../src/csv-fields.js";
import { readCsvRecords } from "../src/csv-records.js";
import type { InputRecord } from "../src/input-record.js";
import { runCli, sendArgs, useCountingServers, withTempDir } from "./helpers.js";

async function recordsOf(text: string): Promise<InputRecord[]> {
  return withTempDir(async (dir) => {
    const path = join(dir, "input.csv");
    await writeFile(path, text);
    const records: InputRecord[] = [];
    for await (const record of readCsvRecords(path)) records.push(record);
    return records;
  });
}

const HEADER = "type,contactId,conversationProviderId,message,attachments,call.to,call.status,altId";

describe("readCsvRecords", () => {
  it("names fields by the header row, splits array fields on ';' and nests call.to-style headers", async () => {
    const [record] = await recordsOf(
      `${HEADER}\nCall,c1,p1,Hello,https://a.example/1.pdf; https://a.example/2.pdf,+15037081210,completed,ext-1\n`,
    );
    expect(record).toMatchObject({
      line: 2,
      body: {
        type: "Call",
        contactId: "c1",
        conversationProviderId: "p1",
        message: "Hello",
        attachments: ["https://a.example/1.pdf", "https://a.example/2.pdf"],
        call: { to: "+15037081210", status: "completed" },
        altId: "ext-1",
      },
    });
    expect(record?.readIssue).toBeUndefined();
  });

  it("leaves empty cells out, keeps quoted commas and line breaks, and numbers records by their first line", async () => {
    const records = await recordsOf(
      `\uFEFF${HEADER}\r\nSMS,c1,p1,"Hi, there\r\nsecond line",,,,ext-1\r\n\r\nSMS,c2,p1,plain,,,,ext-2\r\n`,
    );
    expect(records.map((record) => record.line)).toEqual([2, 5]);
    expect(records[0]?.body).toEqual({
      type: "SMS",
      contactId: "c1",
      conversationProviderId: "p1",
      message: "Hi, there\r\nsecond line",
      altId: "ext-1",
    });
  });

  it("reports a row whose width differs from the header's, by line", async () => {
    const records = await recordsOf(`${HEADER}\nSMS,c1,p1\nSMS,c1,p1,m,,,,ext-3\n`);
    expect(records[0]).toMatchObject({
      line: 2,
      readIssue: { path: "", message: "has 3 cells, the header row has 8" },
    });
    expect(records[1]?.readIssue).toBeUndefined();
  });

  it("hashes the header with each row: renaming a column changes every record's hash", async () => {
    const [before] = await recordsOf("type,contactId\nSMS,c1\n");
    const [after] = await recordsOf("type,conversationId\nSMS,c1\n");
    expect(before?.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(after?.hash).not.toBe(before?.hash);
  });
});

describe("describeHeaderProblems", () => {
  it.each([
    [HEADER, undefined],
    ["type,conversationId,message", undefined],
    [
      "type,contactId,contactID,msg",
      "the CSV header row is wrong: columns contactID, msg are not fields of the body",
    ],
    ["type,contactId,call.form", "the CSV header row is wrong: column call.form is not a field of the body"],
    ["message,altId", "the CSV header row is wrong: no column for type, conversationId or contactId"],
    [
      "type,contactid",
      "the CSV header row is wrong: column contactid is not a field of the body; no column for conversationId or contactId",
    ],
  ])("%s", (header, expected) => {
    expect(describeHeaderProblems(header.split(","))).toBe(expected);
  });
});

describe("ghl-inbound send with a CSV file", () => {
  const startServer = useCountingServers();

  it("says once what is wrong with the header row, and sends nothing", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.csv");
      const rows = Array.from({ length: 30 }, (_, index) => `SMS,c${index},hello,csv-${index}`);
      await writeFile(input, `type,contactID,msg,altId\n${rows.join("\n")}\n`);
      const server = await startServer();
      const run = await runCli(sendArgs(input, server.url));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("columns contactID, msg are not fields of the body");
      expect(run.stderr).toContain("no column for conversationId or contactId");
      expect(run.stderr.split("contactID").length - 1).toBe(1);
      expect(server.requestCount).toBe(0);
    });
  });

  it("sends each row as the body its header describes", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "history.csv");
      await writeFile(
        input,
        `${HEADER}\nCall,c1,p1,,,+15037081210,completed,csv-1\nEmail,c2,p1,Hi,https://a.example/x.pdf,,,csv-2\n`,
      );
      const server = await startServer();
      const run = await runCli(sendArgs(input, server.url));
      expect(run.code, run.stderr).toBe(0);
      const bodies = server.arrivals.map((arrival) => arrival.body);
      expect(bodies).toContainEqual({
        type: "Call",
        contactId: "c1",
        conversationProviderId: "p1",
        call: { to: "+15037081210", status: "completed" },
        altId: "csv-1",
      });
      expect(bodies).toContainEqual({
        type: "Email",
        contactId: "c2",
        conversationProviderId: "p1",
        message: "Hi",
        attachments: ["https://a.example/x.pdf"],
        altId: "csv-2",
      });
    });
  });
});
