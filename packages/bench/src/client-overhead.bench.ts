// Client overhead: addInboundMessage against a raw fetch of the same request, one local server,
// one process, alternating rounds. The client validates the body before sending and the answer
// after: that work is the product and is inside the measured time.
import { startAnswerServer } from "./answer-server.js";
import {
  createBenchClient,
  MESSAGE_BODY,
  OPERATION_PATH,
  RATE_LIMIT_HEADERS,
  REQUEST_HEADERS,
  SUCCESS_BODY,
} from "./fixtures.js";
import { type BenchMode, type BenchResult, rowOf } from "./report.js";
import { type Contestant, compareInRounds, medianPairedRatio, type RoundSettings } from "./rounds.js";

const SETTINGS: Record<BenchMode, { sequential: RoundSettings; concurrent: RoundSettings }> = {
  full: {
    sequential: { warmupRequests: 2000, rounds: 61, requestsPerRound: 100, inFlight: 1 },
    concurrent: { warmupRequests: 1000, rounds: 31, requestsPerRound: 320, inFlight: 16 },
  },
  smoke: {
    sequential: { warmupRequests: 20, rounds: 3, requestsPerRound: 20, inFlight: 1 },
    concurrent: { warmupRequests: 20, rounds: 3, requestsPerRound: 32, inFlight: 16 },
  },
};

const TARGET_RATIO = 1.1;
const CLIENT = "@ghl-inbound/client";
const RAW = "raw fetch";
const RAW_WITH_TIMEOUT = "raw fetch + timeout";
/** The client's default per-attempt timeout, given to the raw fetch that carries one. */
const TIMEOUT_MS = 30_000;

export async function runClientOverhead(mode: BenchMode): Promise<BenchResult> {
  const server = await startAnswerServer({ status: 200, headers: RATE_LIMIT_HEADERS, body: SUCCESS_BODY });
  try {
    const contestants = createContestants(server.url);
    const settings = SETTINGS[mode];
    const sequentialRounds = await compareInRounds(contestants, settings.sequential);
    const concurrentRounds = await compareInRounds(contestants, settings.concurrent);
    const sequential = sequentialRounds.median;
    const concurrent = concurrentRounds.median;
    const row = (measure: string, times: Record<string, number>, hasTarget: boolean) =>
      rowOf({
        benchmark: "client overhead",
        measure,
        unit: "us/request",
        ours: { label: CLIENT, value: times[CLIENT]! },
        baseline: { label: RAW, value: times[RAW]! },
        ...(hasTarget && {
          target: {
            text: `<= ${TARGET_RATIO.toFixed(2)}x`,
            isMet: times[CLIENT]! / times[RAW]! <= TARGET_RATIO,
          },
        }),
      });
    return {
      rows: [
        row("one request at a time", sequential, true),
        rowOf({
          benchmark: "client overhead",
          measure: "one request at a time, against a raw fetch that also has a timeout",
          unit: "us/request",
          ours: { label: CLIENT, value: sequential[CLIENT]! },
          baseline: { label: RAW_WITH_TIMEOUT, value: sequential[RAW_WITH_TIMEOUT]! },
        }),
        row(`${settings.concurrent.inFlight} in flight`, concurrent, false),
      ],
      details: {
        settings,
        requestsAnswered: server.answered,
        medianPairedRatio: {
          sequentialToRawFetch: medianPairedRatio(sequentialRounds, CLIENT, RAW),
          sequentialToRawFetchWithTimeout: medianPairedRatio(sequentialRounds, CLIENT, RAW_WITH_TIMEOUT),
          concurrentToRawFetch: medianPairedRatio(concurrentRounds, CLIENT, RAW),
        },
      },
      notes: [
        `Client overhead: ${settings.sequential.rounds} rounds of ${settings.sequential.requestsPerRound} sequential requests ` +
          "per contestant (who goes first rotates), after a warm-up; median of the rounds' mean time per request, and " +
          "the ratio of those medians (the median of the round-by-round ratios, in the JSON, reads the same rounds: " +
          `${medianPairedRatio(sequentialRounds, CLIENT, RAW).toFixed(3)}x). ` +
          "Both send the same JSON body and headers to one local node:http server (keep-alive) and read the JSON answer; " +
          "the client also validates the body and the answer against the spec. The third contestant is that raw fetch " +
          "with what the client cannot drop, a per-attempt timeout (an AbortSignal aborted by a timer, cleared at the end).",
      ],
    };
  } finally {
    await server.close();
  }
}

function createContestants(baseUrl: string): Contestant[] {
  const client = createBenchClient(baseUrl);
  const url = `${baseUrl}${OPERATION_PATH}`;
  return [
    {
      name: CLIENT,
      async send() {
        const { messageId } = await client.addInboundMessage(MESSAGE_BODY);
        if (messageId !== SUCCESS_BODY.messageId) throw new Error(`${CLIENT}: unexpected answer`);
      },
    },
    {
      name: RAW,
      async send() {
        const response = await fetch(url, {
          method: "POST",
          headers: REQUEST_HEADERS,
          body: JSON.stringify(MESSAGE_BODY),
        });
        if (response.status !== 200) throw new Error(`${RAW}: status ${response.status}`);
        const data = (await response.json()) as { messageId?: unknown };
        if (data.messageId !== SUCCESS_BODY.messageId) throw new Error(`${RAW}: unexpected answer`);
      },
    },
    {
      name: RAW_WITH_TIMEOUT,
      async send() {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
        try {
          const response = await fetch(url, {
            method: "POST",
            headers: REQUEST_HEADERS,
            body: JSON.stringify(MESSAGE_BODY),
            signal: controller.signal,
          });
          if (response.status !== 200) throw new Error(`${RAW_WITH_TIMEOUT}: status ${response.status}`);
          const data = (await response.json()) as { messageId?: unknown };
          if (data.messageId !== SUCCESS_BODY.messageId)
            throw new Error(`${RAW_WITH_TIMEOUT}: unexpected answer`);
        } finally {
          clearTimeout(timer);
        }
      },
    },
  ];
}
