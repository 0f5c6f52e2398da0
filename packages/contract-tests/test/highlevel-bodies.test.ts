/**
 * The bodies of HighLevel's own tracker and guide (test-support's HIGHLEVEL_BODIES), each with the
 * status HighLevel gives it, through every part against one real mock: the spec's request schema
 * (Ajv), the mock over plain HTTP, HighLevel's official SDK (@gohighlevel/api-client 3.1.0 with its
 * defaults: its own Version, its own headers; only its base URL points at the mock), and our client
 * (sent, or refused before anything is sent, counted at the mock). The types check the same rows
 * (packages/types/test/highlevel-bodies.test.ts).
 */

import { createHighLevelClient, ValidationError } from "@ghl-inbound/client";
import { type MockServer, startMockServer } from "@ghl-inbound/mock";
import { HIGHLEVEL_BODY_ROWS } from "@ghl-inbound/test-support/highlevel-bodies";
import { HighLevel } from "@gohighlevel/api-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postInbound } from "./support/http.js";
import { createSpecValidator, describeErrors, OPERATION_PATH, readSpec } from "./support/spec.js";

const validateRequest = createSpecValidator(readSpec())("/components/schemas/InboundMessageRequest");
const TOKEN = "pit-contract-test-token";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, log: false });
});
afterAll(() => mock?.stop());
beforeEach(() => mock.clearRequests());

/**
 * The SDK as a new user makes it: a private integration token, every other setting its default (its
 * Version, headers, timeout, retries). Only its logger is quieted: it prints each refusal's request
 * config, headers included, to the console.
 */
const createSdk = () => new HighLevel({ privateIntegrationToken: TOKEN, logLevel: "none" });

/** What the official SDK takes as a body: its types ask for both ids, where HighLevel takes either. */
type SdkBody = Parameters<HighLevel["conversations"]["addAnInboundMessage"]>[0];

/** The status the SDK's call ended with: 200 when it resolved, its error's statusCode when it threw. */
async function statusThroughSdk(sdk: HighLevel, body: unknown): Promise<{ status: number; data: unknown }> {
  try {
    const data = await sdk.conversations.addAnInboundMessage(body as SdkBody, { baseURL: mock.url });
    return { status: 200, data };
  } catch (error) {
    const { statusCode, response } = error as { statusCode?: number; response?: unknown };
    if (statusCode === undefined) throw error;
    return { status: statusCode, data: response };
  }
}

describe("HighLevel's official SDK with its defaults, against the mock", () => {
  it("sends its own Version (2023-02-21), which the mock accepts", async () => {
    const sdk = createSdk();
    const [first] = HIGHLEVEL_BODY_ROWS;
    expect((await statusThroughSdk(sdk, first![1].body)).status).toBe(200);
    const [request] = mock.requests;
    expect(request?.headers.version).toBe("2023-02-21");
    expect(request?.path).toBe(OPERATION_PATH);
  });
});

describe.each(HIGHLEVEL_BODY_ROWS)("HighLevel's body: %s", (_name, row) => {
  const isAdded = row.status === 200;

  it(`is ${isAdded ? "valid" : "invalid"} against the spec's request schema`, () => {
    expect(validateRequest(row.body), describeErrors(validateRequest)).toBe(isAdded);
  });

  it(`gets ${row.status} from the mock over plain HTTP`, async () => {
    const answer = await postInbound(mock.url, row.body);
    expect(answer.status, answer.text).toBe(row.status);
    if (!isAdded) {
      expect(answer.json).toMatchObject({ statusCode: 422, error: "Unprocessable Entity" });
      expect((answer.json as { message: unknown[] }).message.length).toBeGreaterThan(0);
    }
  });

  it(`gets ${row.status} through HighLevel's SDK with its defaults`, async () => {
    const sdk = createSdk();
    const { status, data } = await statusThroughSdk(sdk, row.body);
    expect(status).toBe(row.status);
    if (isAdded) expect(data).toMatchObject({ success: true });
    expect(mock.requests).toHaveLength(1);
  });

  it(isAdded ? "is sent by our client and added" : "is refused by our client with nothing sent", async () => {
    const client = createHighLevelClient({ accessToken: TOKEN, baseUrl: mock.url });
    const outcome = await client.addInboundMessage(row.body as never).then(
      (data) => ({ data, error: undefined }),
      (error: unknown) => ({ data: undefined, error }),
    );
    if (isAdded) {
      expect(outcome.error).toBeUndefined();
      expect(outcome.data).toMatchObject({ success: true });
      expect(mock.requests.map((request) => request.status)).toEqual([200]);
    } else {
      expect(outcome.error).toBeInstanceOf(ValidationError);
      expect(mock.requests).toHaveLength(0);
    }
  });
});

describe("the table", () => {
  it("holds both what HighLevel adds and what it refuses, from its own sources", () => {
    const statuses = HIGHLEVEL_BODY_ROWS.map(([, row]) => row.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(8);
    expect(statuses.filter((status) => status === 422).length).toBeGreaterThanOrEqual(4);
    for (const [, row] of HIGHLEVEL_BODY_ROWS) expect(row.source).toMatch(/\S{10}/);
  });
});
