// The mock: time to ready in fresh processes, and validated requests per second under a bounded
// load (autocannon: fixed duration and connections) against a plain node:http server that answers
// the mock's own success answer. Each server runs in its own process, the load generator in this one.
import autocannon from "autocannon";
import { MESSAGE_BODY, OPERATION_PATH, REQUEST_HEADERS } from "./fixtures.js";
import { type ChildServer, runNodeScript, startChildServer } from "./processes.js";
import { type BenchMode, type BenchResult, rowOf } from "./report.js";
import { median } from "./stats.js";

interface MockSettings {
  readyRuns: number;
  connections: number;
  /** A fixed duration (full run) or a fixed number of requests (smoke run: a few, not a load). */
  durationSeconds?: number;
  requests?: number;
}

const SETTINGS: Record<BenchMode, MockSettings> = {
  full: { readyRuns: 7, connections: 10, durationSeconds: 5 },
  smoke: { readyRuns: 1, connections: 2, requests: 40 },
};

const READY_TARGET_MS = 1_000;
const THROUGHPUT_TARGET = 1_000;
const MOCK = "@ghl-inbound/mock";
const PLAIN = "plain node:http";

/** Prints how long startMockServer() took in-process, and since the process started. */
const READY_SCRIPT = `
const startedAt = performance.now();
const { startMockServer } = await import("@ghl-inbound/mock");
const mock = await startMockServer({ port: 0, log: false });
const readyAt = performance.now();
console.log(JSON.stringify({ sinceProcessStartMs: readyAt, importAndStartMs: readyAt - startedAt }));
await mock.stop();
`;

const MOCK_SERVER_SCRIPT = `
const { startMockServer } = await import("@ghl-inbound/mock");
const mock = await startMockServer({ port: 0, log: false });
console.log(JSON.stringify({ port: mock.port }));
process.once("SIGTERM", () => mock.stop().then(() => process.exit(0)));
`;

/** Answers every request with the status, headers and body given in its environment, after reading the body. */
const PLAIN_SERVER_SCRIPT = `
import { createServer } from "node:http";
const { status, headers, body } = JSON.parse(process.env.BENCH_ANSWER);
const server = createServer((request, response) => {
  request.resume();
  request.once("end", () => {
    response.writeHead(status, headers);
    response.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
process.once("SIGTERM", () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function runMock(mode: BenchMode): Promise<BenchResult> {
  const settings = SETTINGS[mode];
  const readyMs: number[] = [];
  const inProcessMs: number[] = [];
  for (let run = 0; run < settings.readyRuns; run += 1) {
    const { stdout } = await runNodeScript(READY_SCRIPT);
    const figures = JSON.parse(stdout) as { sinceProcessStartMs: number; importAndStartMs: number };
    readyMs.push(figures.sinceProcessStartMs);
    inProcessMs.push(figures.importAndStartMs);
  }

  const mockLoad = await withServer(startChildServer(MOCK_SERVER_SCRIPT), async (server) => {
    const answer = await recordAnswer(server.url);
    return { answer, load: await generateLoad(server.url, settings) };
  });
  if (mockLoad.answer.status !== 200)
    throw new Error(`mock: a valid request was answered ${mockLoad.answer.status}`);
  const plainLoad = await withServer(
    startChildServer(PLAIN_SERVER_SCRIPT, { BENCH_ANSWER: JSON.stringify(mockLoad.answer) }),
    (server) => generateLoad(server.url, settings),
  );

  const readyMedianMs = median(readyMs);
  const mockRps = mockLoad.load.requestsPerSecond;
  return {
    rows: [
      rowOf({
        benchmark: "mock",
        measure: "ready, from process start (median)",
        unit: "ms",
        ours: { label: MOCK, value: readyMedianMs },
        target: { text: `< ${READY_TARGET_MS} ms`, isMet: readyMedianMs < READY_TARGET_MS },
      }),
      rowOf({
        benchmark: "mock",
        measure: `validated requests/s, ${settings.connections} connections, ${
          settings.durationSeconds === undefined
            ? `${settings.requests} requests`
            : `${settings.durationSeconds} s`
        }`,
        unit: "req/s",
        ours: { label: MOCK, value: mockRps },
        baseline: { label: PLAIN, value: plainLoad.requestsPerSecond },
        target: {
          text: `>= ${THROUGHPUT_TARGET.toLocaleString("en-US")} req/s, no non-2xx`,
          isMet: mockRps >= THROUGHPUT_TARGET && mockLoad.load.non2xx === 0 && mockLoad.load.errors === 0,
        },
      }),
      rowOf({
        benchmark: "mock",
        measure: "latency p50 under that load",
        unit: "ms",
        ours: { label: MOCK, value: mockLoad.load.latencyP50Ms },
        baseline: { label: PLAIN, value: plainLoad.latencyP50Ms },
      }),
      rowOf({
        benchmark: "mock",
        measure: "latency p99 under that load",
        unit: "ms",
        ours: { label: MOCK, value: mockLoad.load.latencyP99Ms },
        baseline: { label: PLAIN, value: plainLoad.latencyP99Ms },
      }),
    ],
    details: {
      settings,
      readyFromProcessStartMs: readyMs,
      importAndStartInProcessMs: inProcessMs,
      mock: mockLoad.load,
      plain: plainLoad,
    },
    notes: [
      `Mock: ready = \`performance.now()\` when startMockServer({ port: 0 }) resolved in a fresh process (Node start, ` +
        `import, Prism, spec, listen), median of ${settings.readyRuns}; importing and starting alone took a median ` +
        `${median(inProcessMs).toFixed(0)} ms. Load: autocannon POSTs the spec's SMS example with a bearer token and ` +
        `Version ${settings.durationSeconds === undefined ? `${settings.requests} times` : `for ${settings.durationSeconds} s`} over ${settings.connections} connections to the mock (its own process: ` +
        `Prism validates every request) and then to a plain node:http server (its own process) replaying the mock's ` +
        `200 answer. Non-2xx answers from the mock: ${mockLoad.load.non2xx}; errors: ${mockLoad.load.errors}.`,
    ],
  };
}

async function withServer<T>(
  starting: Promise<ChildServer>,
  use: (server: ChildServer) => Promise<T>,
): Promise<T> {
  const server = await starting;
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/** One valid request through fetch: the answer the plain server then replays. */
async function recordAnswer(
  baseUrl: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const response = await fetch(`${baseUrl}${OPERATION_PATH}`, {
    method: "POST",
    headers: REQUEST_HEADERS,
    body: JSON.stringify(MESSAGE_BODY),
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!["connection", "keep-alive", "date", "transfer-encoding"].includes(name)) headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

async function generateLoad(baseUrl: string, settings: MockSettings): Promise<LoadResult> {
  const result = await autocannon({
    url: `${baseUrl}${OPERATION_PATH}`,
    method: "POST",
    headers: REQUEST_HEADERS,
    body: JSON.stringify(MESSAGE_BODY),
    connections: settings.connections,
    ...(settings.durationSeconds === undefined
      ? { amount: settings.requests }
      : { duration: settings.durationSeconds }),
  });
  return {
    // Over the whole run (autocannon's own duration, in seconds), not its per-second samples.
    requestsPerSecond: result.requests.total / result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
