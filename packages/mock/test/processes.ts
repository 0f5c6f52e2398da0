import { type ChildProcessByStdio, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The pids whose parent is `pid` (Prism runs in-process, so the mock should have none). */
export async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await run("ps", ["-o", "pid=,comm=", "--ppid", String(pid)]).catch(() => ({
    stdout: "",
  }));
  // The ps that answers is a child too: leave it out.
  return stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([childPid, command]) => childPid && command !== "ps")
    .map(([childPid]) => Number(childPid));
}

/** Resolves with the first match in a child's output; listens without consuming (a for-await would close the pipe). */
export function waitForLine(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += String(chunk);
      const match = pattern.exec(buffered);
      if (!match) return;
      stream.off("data", onData);
      resolve(match);
    };
    stream.on("data", onData);
    stream.once("end", () => reject(new Error(`output ended before ${pattern}: ${buffered}`)));
  });
}

export interface StartedCommand {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Its exit, as `{ code, signal }`. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Processes still in its session (the command, and everything it started), as "pid stat args" lines. */
  leftovers(): Promise<string[]>;
  /** SIGKILLs the whole group: the cleanup for a test that failed half-way. */
  killGroup(): void;
}

/**
 * Starts a command as a user's process runner would: in a process group of its own (so that the test
 * can find everything it started), output piped (never inherited: turbo would wait on it). Signals
 * are then sent to the command's pid alone, never to the group, as `kill $!` does.
 */
export function startCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): StartedCommand {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += String(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += String(chunk);
  });
  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const groupId = child.pid!;
  return {
    child,
    output: () => output,
    exited,
    async leftovers() {
      // detached: the command leads a new session (and process group) whose id is its pid.
      const { stdout } = await run("ps", ["-o", "pid=,stat=,args=", "--sid", String(groupId)]).catch(() => ({
        stdout: "",
      }));
      // A zombie (stat Z) has exited and holds no port; whoever reaps orphans has not got to it yet.
      return stdout
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !/^\d+\s+Z/.test(line));
    },
    killGroup() {
      try {
        process.kill(-groupId, "SIGKILL");
      } catch {
        // Nothing left in the group.
      }
    },
  };
}

/** The ready line of ghl-inbound-mock: its URL and port. Rejects with what it printed if it exits first. */
export async function waitForReady(started: StartedCommand): Promise<{ url: string; port: number }> {
  const readyLine = /ghl-inbound mock ready at (http:\/\/127\.0\.0\.1:(\d+)) \(docs: \S+\/docs\)/;
  let hasExited = false;
  void started.exited.then(() => {
    hasExited = true;
  });
  for (;;) {
    const match = readyLine.exec(started.output());
    if (match) return { url: match[1]!, port: Number(match[2]) };
    if (hasExited) throw new Error(`exited before its ready line; it printed:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once `started` has exited, or rejects after `timeoutMs` saying what it printed. */
export async function waitForExit(
  started: StartedCommand,
  timeoutMs = 10_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still running after ${timeoutMs} ms; it printed:\n${started.output()}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([started.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
