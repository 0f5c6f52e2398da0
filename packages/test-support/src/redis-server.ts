import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createConnection, createServer } from "node:net";

export interface RedisServer {
  port: number;
  /** Kills redis-server at once (SIGKILL): the "Redis died mid-run" case. */
  kill(): Promise<void>;
  /** Stops redis-server if it still runs; safe to call twice. */
  stop(): Promise<void>;
  /** SIGSTOP: Redis keeps its connections open and answers nothing (a silent Redis). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
}

async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(500);
    let reply = "";
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) {
        socket.destroy();
        resolve(reply.startsWith("+PONG"));
      }
    });
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", () => resolve(false));
  });
}

async function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, "exit");
}

/**
 * Starts Debian's redis-server on a free loopback port, without persistence, and waits until it
 * answers PING. Its output is piped (never inherited: turbo would wait for it) and kept for errors.
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await findFreePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const spawnFailed = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`redis-server exited with ${code} before answering:\n${output}`)),
    );
  });
  spawnFailed.catch(() => {});

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGCONT");
      child.kill("SIGTERM");
    }
    await waitForExit(child);
  };
  const deadline = Date.now() + 10_000;
  try {
    while (!(await Promise.race([answersPing(port), spawnFailed]))) {
      if (Date.now() > deadline)
        throw new Error(`redis-server on port ${port} did not answer PING:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await waitForExit(child);
    },
    stop,
    pause() {
      child.kill("SIGSTOP");
    },
    resume() {
      child.kill("SIGCONT");
    },
  };
}
