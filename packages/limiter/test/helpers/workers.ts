import { fileURLToPath } from "node:url";
import { runJsonProcess } from "@ghl-inbound/test-support/json-process";

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
  return runJsonProcess<WorkerSummary>(workerPath, config, { label: `worker ${config.worker}` });
}
