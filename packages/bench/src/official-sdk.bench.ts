// Against the official SDK: the same server, payload and answer through @gohighlevel/api-client
// (axios underneath), in the same process and rounds as our client and a raw fetch.
import { API_VERSION } from "@ghl-inbound/types";
import { HighLevel } from "@gohighlevel/api-client";
import { startAnswerServer } from "./answer-server.js";
import {
  ACCESS_TOKEN,
  createBenchClient,
  MESSAGE_BODY,
  OPERATION_PATH,
  RATE_LIMIT_HEADERS,
  REQUEST_HEADERS,
  SUCCESS_BODY,
} from "./fixtures.js";
import { type BenchMode, type BenchResult, rowOf } from "./report.js";
import { type Contestant, compareInRounds, medianPairedRatio, type RoundSettings } from "./rounds.js";

const SETTINGS: Record<BenchMode, RoundSettings> = {
  full: { warmupRequests: 1000, rounds: 41, requestsPerRound: 100, inFlight: 1 },
  smoke: { warmupRequests: 20, rounds: 3, requestsPerRound: 20, inFlight: 1 },
};

const OURS = "@ghl-inbound/client";
const THEIRS = "@gohighlevel/api-client";
const RAW = "raw fetch";

export async function runOfficialSdk(mode: BenchMode): Promise<BenchResult> {
  const server = await startAnswerServer({ status: 200, headers: RATE_LIMIT_HEADERS, body: SUCCESS_BODY });
  try {
    const settings = SETTINGS[mode];
    const rounds = await compareInRounds(createContestants(server.url), settings);
    const times = rounds.median;
    const ours = times[OURS]!;
    const theirs = times[THEIRS]!;
    return {
      rows: [
        rowOf({
          benchmark: "official SDK",
          measure: "one request at a time",
          unit: "us/request",
          ours: { label: OURS, value: ours },
          baseline: { label: THEIRS, value: theirs },
          target: { text: "< 1.00x (ours faster)", isMet: ours < theirs },
        }),
      ],
      details: {
        settings,
        rawFetchUsPerRequest: times[RAW],
        medianPairedRatio: medianPairedRatio(rounds, OURS, THEIRS),
        requestsAnswered: server.answered,
      },
      notes: [
        `Official SDK: ${THEIRS} is pointed at the local server through its axios instance ` +
          "(`getHttpClient().defaults.baseURL`), with a private integration token and `apiVersion: " +
          `"${API_VERSION}"\`, and calls \`conversations.addAnInboundMessage(body)\`. It does not validate the body or ` +
          `the answer. Raw fetch ran in the same rounds: ${times[RAW]!.toFixed(1)} us/request.`,
      ],
    };
  } finally {
    await server.close();
  }
}

function createContestants(baseUrl: string): Contestant[] {
  const client = createBenchClient(baseUrl);
  const sdk = new HighLevel({ privateIntegrationToken: ACCESS_TOKEN, apiVersion: API_VERSION });
  // The SDK has no base URL option; its axios instance is public (getHttpClient) and takes one.
  sdk.getHttpClient().defaults.baseURL = baseUrl;
  const url = `${baseUrl}${OPERATION_PATH}`;
  const expectMessageId = (name: string, messageId: unknown) => {
    if (messageId !== SUCCESS_BODY.messageId) throw new Error(`${name}: unexpected answer`);
  };
  return [
    {
      name: OURS,
      async send() {
        expectMessageId(OURS, (await client.addInboundMessage(MESSAGE_BODY)).messageId);
      },
    },
    {
      name: THEIRS,
      async send() {
        // Its types require both conversationId and contactId, where the spec asks for either: same body, cast.
        const body = MESSAGE_BODY as unknown as Parameters<typeof sdk.conversations.addAnInboundMessage>[0];
        const data = (await sdk.conversations.addAnInboundMessage(body)) as { messageId?: unknown };
        expectMessageId(THEIRS, data.messageId);
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
        expectMessageId(RAW, ((await response.json()) as { messageId?: unknown }).messageId);
      },
    },
  ];
}
