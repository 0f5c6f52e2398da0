import { spawn } from "node:child_process";

/** How a child process ended and what it printed. */
export interface NodeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From spawn to the end of its output. */
  elapsedMs: number;
}

export interface NodeRunOptions {
  /** Where it runs: this process's directory unless given. */
  cwd?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** It is killed (SIGKILL) if it outlives this. */
  timeoutMs?: number;
}

/**
 * Runs `node <args>` to its end. Its output is piped, never inherited (turbo would wait on it), and it
 * is killed if it outlives `timeoutMs`. It runs in this process's directory and environment unless
 * `cwd` and `env` say otherwise (`env` is added to this process's).
 */
export function runNode(
  args: readonly string[],
  { cwd, env, timeoutMs }: NodeRunOptions = {},
): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, args, {
      cwd,
      env: env === undefined ? undefined : { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, elapsedMs: performance.now() - startedAt });
    });
  });
}

/**
 * Runs `node <args>` (as runNode does) and resolves with what it printed on stdout, trimmed; rejects
 * with its stderr unless it exited with 0. `label` names it in that error.
 */
export async function runNodeForOutput(
  args: readonly string[],
  { label = "node", ...options }: NodeRunOptions & { label?: string } = {},
): Promise<string> {
  const run = await runNode(args, options);
  if (run.code !== 0) throw new Error(`${label} exited with ${run.code ?? run.signal}:\n${run.stderr}`);
  return run.stdout.trim();
}

/**
 * Runs `node <scriptPath> <JSON of config>` as a separate process (a replica, a worker) and resolves with
 * the JSON it prints on stdout; killed if it outlives `timeoutMs`.
 */
export async function runJsonProcess<Summary>(
  scriptPath: string,
  config: unknown,
  { label, timeoutMs = 25_000 }: { label: string; timeoutMs?: number },
): Promise<Summary> {
  return JSON.parse(
    await runNodeForOutput([scriptPath, JSON.stringify(config)], { label, timeoutMs }),
  ) as Summary;
}
