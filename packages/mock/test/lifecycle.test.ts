import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startMockServer } from "../src/index.js";
import { isListening, postMessage } from "./helpers.js";
import { childrenOf, waitForLine } from "./processes.js";

const distIndex = fileURLToPath(new URL("../dist/index.cjs", import.meta.url));
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

describe("stop()", () => {
  it("leaves the port closed, even with a keep-alive connection open", async () => {
    const mock = await startMockServer({ log: false });
    await postMessage(mock.url); // fetch keeps this connection alive in its pool
    expect(await isListening(mock.port)).toBe(true);
    await mock.stop();
    expect(await isListening(mock.port)).toBe(false);
  });

  it("can be called twice", async () => {
    const mock = await startMockServer({ log: false });
    await Promise.all([mock.stop(), mock.stop()]);
    await expect(mock.stop()).resolves.toBeUndefined();
  });

  it("runs Prism in the caller's process: no child process is started", async () => {
    const mock = await startMockServer({ log: false });
    try {
      expect(await childrenOf(process.pid)).toEqual([]);
    } finally {
      await mock.stop();
    }
  });
});

describe("a caller that crashes mid-test", () => {
  it("leaves nothing listening and no process behind", async () => {
    const script = `
      const { startMockServer } = require(${JSON.stringify(distIndex)});
      startMockServer({ log: false }).then((mock) => {
        console.log("port=" + mock.port);
        setTimeout(() => { throw new Error("the test crashed"); }, 50);
      });`;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    const [, port] = await waitForLine(child.stdout, /port=(\d+)/);
    const [code] = await once(child, "exit");
    expect(code).not.toBe(0);
    expect(await isListening(Number(port))).toBe(false);
    expect(await childrenOf(child.pid!)).toEqual([]);
  });
});

describe("the ghl-inbound-mock command", () => {
  it("prints the ready line with the docs address, logs requests without tokens, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [cli, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const [, url] = await waitForLine(
        child.stdout,
        /ghl-inbound mock ready at (http:\/\/127\.0\.0\.1:\d+) \(docs: \S+\/docs\)/,
      );
      const lines: string[] = [];
      child.stdout.on("data", (chunk) => lines.push(String(chunk)));
      expect((await postMessage(url!, undefined, { Authorization: "Bearer cli-secret-token" })).status).toBe(
        200,
      );
      expect((await postMessage(url!, undefined, { Version: undefined })).status).toBe(400);
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
      const log = lines.join("");
      expect(log).toContain("POST /conversations/messages/inbound -> 200");
      expect(log).toContain(
        "POST /conversations/messages/inbound -> 400 (Version header is missing: send one of 2021-04-15,",
      );
      expect(log).not.toContain("cli-secret-token");
      expect(await isListening(Number(new URL(url!).port))).toBe(false);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("exits 1 with the reason and the usage on a bad option", async () => {
    const child = spawn(process.execPath, [cli, "--port", "abc"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(stderr).toContain("port must be an integer from 0 to 65535");
    expect(stderr).toContain("Usage: ghl-inbound-mock");
  });
});
