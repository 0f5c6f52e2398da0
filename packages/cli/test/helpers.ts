// The built command as a user runs it: its bin, a real process with piped stdio, against
// the counting server of @ghl-inbound/test-support.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { watch } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type CountingServer,
  type CountingServerOptions,
  startCountingServer,
} from "@ghl-inbound/test-support/counting-server";
import { afterEach } from "vitest";

/** The bin as package.json declares it (it imports the built dist/cli.js). */
export const CLI_PATH = fileURLToPath(new URL("../bin/ghl-inbound.js", import.meta.url));
/** Never printed: every test that runs the command checks its output does not contain it. */
export const TOKEN = "pit-backfill-test-token-0123456789";

export interface CliRun {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process has exited and its output is read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves once stderr (or stdout) has printed `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  /**
   * Resolves once the file at `path` reads `pattern`: checked at each change the file system reports,
   * not on a timer. Rejects if the process exits first.
   */
  waitForFile(path: string, pattern: RegExp): Promise<void>;
}

/** Children still running: killed after each test, so that one that failed or timed out leaves none behind. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
});

export function startCli(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; nodeArgs?: readonly string[] } = {},
): CliRun {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI_PATH, ...args], {
    env: { ...process.env, GHL_ACCESS_TOKEN: TOKEN, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stderr) || waiter.pattern.test(stdout)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  else child.stdin?.end();
  const exited = (async () => {
    const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
    return { code, signal, stdout, stderr };
  })();
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitFor(pattern) {
      return new Promise<void>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        exited.then(() => reject(new Error(`exited before printing ${pattern}:\n${stderr}`)), reject);
      });
    },
    async waitForFile(path, pattern) {
      // The folder is watched (the file may not exist yet), from before the first read: a write that
      // read missed is reported, and read again.
      const watcher = watch(dirname(path));
      try {
        await new Promise<void>((resolve, reject) => {
          let reads = Promise.resolve();
          const check = () => {
            reads = reads.then(async () => {
              if (pattern.test(await readFile(path, "utf8").catch(() => ""))) resolve();
            });
          };
          watcher.on("change", (_event, name) => name === basename(path) && check());
          watcher.on("error", reject);
          check();
          exited.then(() => reject(new Error(`exited before ${path} read ${pattern}:\n${stderr}`)), reject);
        });
      } finally {
        watcher.close();
      }
    },
  };
}

/** `send INPUT --base-url URL ...flags`: the command line most tests run. */
export function sendArgs(input: string, baseUrl: string, ...flags: string[]): string[] {
  return ["send", input, "--base-url", baseUrl, ...flags];
}

/** Runs the command to its end. */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
) {
  return startCli(args, options).exited;
}

/** A valid SMS per line, altIds `<prefix>-1`..`<prefix>-<count>`. */
export function numberedMessages(prefix: string, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({
    type: "SMS",
    contactId: "ve9EPM428h8vShlRW1KT",
    conversationProviderId: "61d6d1f9cdac7612faf80753",
    message: `imported message ${index + 1}`,
    date: "2023-05-01T10:00:00.000Z",
    altId: `${prefix}-${index + 1}`,
  }));
}

export async function writeJsonl(path: string, bodies: readonly unknown[]): Promise<void> {
  await writeFile(path, `${bodies.map((body) => JSON.stringify(body)).join("\n")}\n`);
}

/** Every line of a JSONL file parsed; throws (failing the test) on any line that is not JSON. */
export async function readJsonl<T = Record<string, unknown>>(path: string): Promise<T[]> {
  const text = await readFile(path, "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "ghl-inbound-cli-test-"));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** altIds the server added more than once: must always be empty. */
export function duplicatesOf(added: ReadonlyMap<string, number>): string[] {
  return [...added].filter(([, count]) => count > 1).map(([altId]) => altId);
}

/** Starts counting servers for the tests of a file, each closed after its test. */
export function useCountingServers(): (options?: CountingServerOptions) => Promise<CountingServer> {
  const started: CountingServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (options) => {
    const server = await startCountingServer(options);
    started.push(server);
    return server;
  };
}
