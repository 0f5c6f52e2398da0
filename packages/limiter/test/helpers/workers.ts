import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const workerPath = fileURLToPath(new URL("../fixtures/worker.mjs", import.meta.url));

export interface WorkerConfig {
  worker: string;
  format: "esm" | "cjs";
  store: "redis" | "memory";
  redisPort?: number;
  prefix?: string;
  key: string;
  limit: number;
  intervalMs: number;
  onStoreError?: "throw" | "memory";
  fallbackLimit?: number;
  requests: number;
  serverUrl: string;
  /** Date.now() at which every worker starts its first request. */
  startAt: number;
}

export interface WorkerSummary {
  worker: string;
  /** One row per request, in order: sent (acquired, then delivered) or store-error (acquire threw, nothing sent). */
  outcomes: { id: string; outcome: "sent" | "store-error" }[];
  fallbacks: number;
  otherErrors: string[];
}

/** Runs one worker as a separate Node process (the built package, not the sources) and returns its summary. */
export function runWorker(config: WorkerConfig): Promise<WorkerSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerPath, JSON.stringify(config)], {
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
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`worker ${config.worker} exited with ${code ?? signal}:\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout.trim()) as WorkerSummary);
    });
  });
}
