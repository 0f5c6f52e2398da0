/**
 * The mock refuses what the spec forbids, over real HTTP, and its 4xx body names the problem.
 * Each body row is first shown to be invalid against the spec's own request schema, so the table
 * tests the spec's rules and not the mock's opinions.
 */
import { describeInboundMessageProblems } from "@ghl-inbound/client";
import { type MockServer, startMockServer } from "@ghl-inbound/mock";
import { ALLOWED_BODY, BAD_BODIES, bodyValueOf } from "@ghl-inbound/test-support/bad-bodies";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postInbound } from "./support/http.js";
import { createSpecValidator, describeErrors, readSpec, responseSchemaPointer } from "./support/spec.js";

const spec = readSpec();
const validatorAt = createSpecValidator(spec);
const validateRequest = validatorAt("/components/schemas/InboundMessageRequest");

const ok = ALLOWED_BODY;

interface Row {
  /** A value is sent as JSON; a string is sent as is. */
  body: unknown;
  headers?: Record<string, string | undefined>;
  status: 400 | 401 | 422;
  /** Words the answer's message must contain: the field, header or problem. */
  names: string[];
}

// HighLevel's validation layer answers a body that breaks the schema with 422 (template#11).
const badBodies: [string, Row][] = BAD_BODIES.map(([name, { body, names }]) => [
  name,
  { body, names, status: 422 },
]);

const badRequests: [string, Row][] = [
  ["no Version header", { body: ok, headers: { Version: undefined }, status: 400, names: ["Version"] }],
  [
    "a Version no HighLevel client sends",
    {
      body: ok,
      headers: { Version: "2024-01-01" },
      status: 400,
      names: ["Version", "2021-04-15, 2021-07-28, 2023-02-21, v3"],
    },
  ],
  ["an empty Version", { body: ok, headers: { Version: "" }, status: 400, names: ["Version"] }],
  [
    "a Version and a body both wrong (the header is answered first, with 400)",
    {
      body: {},
      headers: { Version: "2024-01-01" },
      status: 400,
      names: ["Version", "type should not be empty"],
    },
  ],
  [
    "no Authorization header",
    { body: ok, headers: { Authorization: undefined }, status: 401, names: ["bearer token"] },
  ],
  [
    "Basic credentials",
    { body: ok, headers: { Authorization: "Basic dXNlcjpwYXNz" }, status: 401, names: ["Bearer"] },
  ],
  [
    "Bearer without a token",
    { body: ok, headers: { Authorization: "Bearer" }, status: 401, names: ["no token"] },
  ],
  [
    "a token without a scheme",
    { body: ok, headers: { Authorization: "sk-live-123" }, status: 401, names: ["no scheme"] },
  ],
  [
    "no token and a bad body (the token is checked first)",
    { body: {}, headers: { Authorization: undefined }, status: 401, names: ["bearer token"] },
  ],
  ["truncated JSON", { body: '{"type":"SMS",', status: 400, names: ["Malformed JSON"] }],
  ["JSON with a trailing comma", { body: '{"type":"SMS",}', status: 400, names: ["Malformed JSON"] }],
  ["single-quoted JSON", { body: "{'type':'SMS'}", status: 400, names: ["Malformed JSON"] }],
  ["text sent as JSON", { body: "hello", status: 400, names: ["Malformed JSON"] }],
  [
    "JSON sent as text/plain",
    {
      body: JSON.stringify(ok),
      headers: { "Content-Type": "text/plain" },
      status: 400,
      names: ["content-type"],
    },
  ],
  [
    "JSON sent without a Content-Type",
    {
      body: JSON.stringify(ok),
      headers: { "Content-Type": undefined },
      status: 400,
      names: ["content-type"],
    },
  ],
  [
    "a form body",
    {
      body: "type=SMS",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      status: 400,
      names: ["content-type"],
    },
  ],
];

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, log: false });
});
afterAll(() => mock?.stop());

async function expectRefused(row: Row): Promise<void> {
  const answer = await postInbound(mock.url, row.body, row.headers);
  expect(answer.status, answer.text).toBe(row.status);
  const validate = validatorAt(responseSchemaPointer(spec, String(row.status)));
  expect(validate(answer.json), describeErrors(validate)).toBe(true);
  // A 422 lists its problems (HighLevel's UnprocessableDTO); other answers carry one message.
  const { message } = answer.json as { message: string | string[] };
  const text = Array.isArray(message) ? message.join("; ") : message;
  for (const name of row.names) expect(text).toContain(name);
}

describe.each(badBodies)("a body with %s", (_name, row) => {
  it("is forbidden by the spec's request schema", () => {
    expect(validateRequest(bodyValueOf(row.body))).toBe(false);
  });

  it(`is refused with ${row.status}, naming ${row.names.join(" and ")}`, () => expectRefused(row));

  it("is told by the mock in the client's own words: one summary of schema problems for both", async () => {
    const answer = await postInbound(mock.url, row.body);
    const problems = describeInboundMessageProblems(bodyValueOf(row.body));
    expect(answer.json).toMatchObject({
      message: problems.map((problem) => problem.sentence),
      violations: problems.map((problem) => ({ code: problem.keyword, message: problem.sentence })),
    });
  });
});

describe.each(badRequests)("a request with %s", (_name, row) => {
  it(`is refused with ${row.status}, naming ${row.names.join(" and ")}`, () => expectRefused(row));
});

describe.each(["2021-04-15", "2021-07-28", "2023-02-21", "v3"])("Version: %s", (version) => {
  it("is accepted: HighLevel's own clients send it", async () => {
    expect((await postInbound(mock.url, ok, { Version: version })).status).toBe(200);
  });
});

describe("the table", () => {
  it("is big enough to cover the spec's rules", () => {
    expect(badBodies.length).toBeGreaterThanOrEqual(30);
    expect(badRequests.length).toBeGreaterThanOrEqual(15);
  });

  it("has a valid baseline: the same request without the fault is added", async () => {
    expect(validateRequest(ok), describeErrors(validateRequest)).toBe(true);
    expect((await postInbound(mock.url, ok)).status).toBe(200);
  });
});
