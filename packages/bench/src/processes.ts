import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runNode } from "@ghl-inbound/test-support/json-process";

/** The bench package: children resolve `@ghl-inbound/*` and the peers from its node_modules, as a user's app would. */
export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/**
 * Runs `node --input-type=module -e <script>` (or CommonJS) to its end and returns how long it took
 * from spawn to the end of its output, in ms, and what it printed. It runs in the bench package unless
 * `cwd` says where.
 */
export async function runNodeScript(
  script: string,
  { cwd = PACKAGE_DIR, inputType = "module" }: { cwd?: string; inputType?: "module" | "commonjs" } = {},
): Promise<{ elapsedMs: number; stdout: string }> {
  const run = await runNode([`--input-type=${inputType}`, "-e", script], { cwd });
  if (run.code !== 0) {
    throw new Error(`node -e exited with ${run.code ?? run.signal}: ${run.stderr.trim().slice(0, 500)}`);
  }
  return { elapsedMs: run.elapsedMs, stdout: run.stdout };
}

export interface ChildServer {
  url: string;
  /** Milliseconds from spawn to the child's "listening" line. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Starts a server in its own process (so that the load generator does not share its event loop):
 * the script must print one line `{"port":N}` once it listens, and close on SIGTERM.
 */
export function startChildServer(script: string, env: Record<string, string> = {}): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let isReady = false;
    const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /\{"port":(\d+)\}/.exec(stdout);
      if (isReady || match === null) return;
      isReady = true;
      resolve({
        url: `http://127.0.0.1:${match[1]}`,
        readyMs: performance.now() - startedAt,
        stop: async () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!isReady)
        reject(new Error(`server exited with ${code} before listening: ${stderr.trim().slice(0, 500)}`));
    });
  });
}
