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

/**
 * Runs `node <args>` to its end. Its output is piped, never inherited (turbo would wait on it), and it
 * is killed if it outlives `timeoutMs`. It runs in this process's directory unless `cwd` says where.
 */
export function runNode(
  args: readonly string[],
  { cwd, timeoutMs }: { cwd?: string; timeoutMs?: number } = {},
): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
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
 * Runs `node <scriptPath> <JSON of config>` as a separate process (a replica, a worker) and resolves with
 * the JSON it prints on stdout; killed if it outlives `timeoutMs`.
 */
export async function runJsonProcess<Summary>(
  scriptPath: string,
  config: unknown,
  { label, timeoutMs = 25_000 }: { label: string; timeoutMs?: number },
): Promise<Summary> {
  const run = await runNode([scriptPath, JSON.stringify(config)], { timeoutMs });
  if (run.code !== 0) throw new Error(`${label} exited with ${run.code ?? run.signal}:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim()) as Summary;
}
