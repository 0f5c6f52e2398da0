import { spawn } from "node:child_process";

/**
 * Runs `node <scriptPath> <JSON of config>` as a separate process (a replica, a worker) and resolves with
 * the JSON it prints on stdout. Its output is piped, never inherited (turbo would wait on it), and it is
 * killed if it outlives `timeoutMs`.
 */
export function runJsonProcess<Summary>(
  scriptPath: string,
  config: unknown,
  { label, timeoutMs = 25_000 }: { label: string; timeoutMs?: number },
): Promise<Summary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [scriptPath, JSON.stringify(config)], {
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
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${label} exited with ${code ?? signal}:\n${stderr}`));
      else resolve(JSON.parse(stdout.trim()) as Summary);
    });
  });
}
