/**
 * The mock refuses what the spec forbids, over real HTTP, and its 4xx body names the problem.
 * Each body row is first shown to be invalid against the spec's own request schema, so the table
 * tests the spec's rules and not the mock's opinions.
 */
import { type MockServer, startMockServer } from "@ghl-inbound/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postInbound } from "./support/http.js";
import { createSpecValidator, describeErrors, readSpec, responseSchemaPointer } from "./support/spec.js";

const spec = readSpec();
const validatorAt = createSpecValidator(spec);
const validateRequest = validatorAt("/components/schemas/InboundMessageRequest");

const ok = {
  type: "SMS",
  contactId: "ve9EPM428h8vShlRW1KT",
  conversationProviderId: "61d6d1f9cdac7612faf80753",
  message: "Hi",
};
const { contactId: _contactId, ...withoutIds } = ok;
const { type: _type, ...withoutType } = ok;
const { conversationProviderId: _provider, ...withoutProvider } = ok;

interface Row {
  /** A value is sent as JSON; a string is sent as is. */
  body: unknown;
  headers?: Record<string, string | undefined>;
  status: 400 | 401;
  /** Words the answer's message must contain: the field, header or problem. */
  names: string[];
}

const badBodies: [string, Row][] = [
  ["no type", { body: withoutType, status: 400, names: ["'type'"] }],
  ["an unknown type", { body: { ...ok, type: "SMSS" }, status: 400, names: ["type", "allowed values"] }],
  ["a lower-case type", { body: { ...ok, type: "sms" }, status: 400, names: ["type"] }],
  [
    "a type only in HighLevel's published file (RCS)",
    { body: { ...ok, type: "RCS" }, status: 400, names: ["type"] },
  ],
  ["a numeric type", { body: { ...ok, type: 1 }, status: 400, names: ["type"] }],
  ["no conversationProviderId", { body: withoutProvider, status: 400, names: ["conversationProviderId"] }],
  [
    "an empty conversationProviderId",
    { body: { ...ok, conversationProviderId: "" }, status: 400, names: ["conversationProviderId"] },
  ],
  [
    "a numeric conversationProviderId",
    { body: { ...ok, conversationProviderId: 7 }, status: 400, names: ["conversationProviderId"] },
  ],
  [
    "neither conversationId nor contactId",
    { body: withoutIds, status: 400, names: ["conversationId", "contactId"] },
  ],
  [
    "an empty conversationId as the only id",
    { body: { ...withoutIds, conversationId: "" }, status: 400, names: ["conversationId"] },
  ],
  ["an empty contactId", { body: { ...ok, contactId: "" }, status: 400, names: ["contactId"] }],
  ["a numeric contactId", { body: { ...ok, contactId: 42 }, status: 400, names: ["contactId"] }],
  [
    "a null conversationId",
    { body: { ...ok, conversationId: null }, status: 400, names: ["conversationId"] },
  ],
  ["an unknown field (contactID)", { body: { ...ok, contactID: "x" }, status: 400, names: ["contactID"] }],
  [
    "a call status outside the enum",
    { body: { ...ok, type: "Call", call: { status: "ringing" } }, status: 400, names: ["call.status"] },
  ],
  [
    "an unknown call field",
    { body: { ...ok, type: "Call", call: { to: "+1", duration: 30 } }, status: 400, names: ["duration"] },
  ],
  ["call as a string", { body: { ...ok, type: "Call", call: "completed" }, status: 400, names: ["call"] }],
  [
    "emailCc as a string",
    { body: { ...ok, type: "Email", emailCc: "a@b.c" }, status: 400, names: ["emailCc"] },
  ],
  [
    "a number in emailBcc",
    { body: { ...ok, type: "Email", emailBcc: [1] }, status: 400, names: ["emailBcc"] },
  ],
  ["attachments as a string", { body: { ...ok, attachments: "x" }, status: 400, names: ["attachments"] }],
  [
    "objects in attachments",
    { body: { ...ok, attachments: [{ url: "x" }] }, status: 400, names: ["attachments"] },
  ],
  [
    "a direction outside the enum",
    { body: { ...ok, direction: "sideways" }, status: 400, names: ["direction"] },
  ],
  [
    "the doc page's array direction",
    { body: { ...ok, direction: ["outbound", "inbound"] }, status: 400, names: ["direction"] },
  ],
  ["a numeric message", { body: { ...ok, message: 5 }, status: 400, names: ["message"] }],
  ["a numeric html", { body: { ...ok, html: 5 }, status: 400, names: ["html"] }],
  [
    "a date that is not a date-time",
    { body: { ...ok, date: "29/07/2024" }, status: 400, names: ["date", "date-time"] },
  ],
  ["a date without a time", { body: { ...ok, date: "2024-07-29" }, status: 400, names: ["date"] }],
  ["an empty object", { body: {}, status: 400, names: ["type", "conversationProviderId"] }],
  ["an array", { body: [ok], status: 400, names: ["object"] }],
  ["a JSON string", { body: '"hello"', status: 400, names: ["object"] }],
  ["a JSON number", { body: "42", status: 400, names: ["object"] }],
  ["JSON null", { body: "null", status: 400, names: ["Body"] }],
  ["no body at all", { body: "", status: 400, names: ["Body"] }],
];

const badRequests: [string, Row][] = [
  ["no Version header", { body: ok, headers: { Version: undefined }, status: 400, names: ["version"] }],
  [
    "another Version",
    { body: ok, headers: { Version: "2021-07-28" }, status: 400, names: ["version", "2021-04-15"] },
  ],
  ["an empty Version", { body: ok, headers: { Version: "" }, status: 400, names: ["version"] }],
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
  const { message } = answer.json as { message: string };
  for (const name of row.names) expect(message).toContain(name);
}

describe.each(badBodies)("a body with %s", (_name, row) => {
  it("is forbidden by the spec's request schema", () => {
    const body =
      typeof row.body === "string" ? (row.body === "" ? undefined : JSON.parse(row.body)) : row.body;
    expect(validateRequest(body)).toBe(false);
  });

  it(`is refused with ${row.status}, naming ${row.names.join(" and ")}`, () => expectRefused(row));
});

describe.each(badRequests)("a request with %s", (_name, row) => {
  it(`is refused with ${row.status}, naming ${row.names.join(" and ")}`, () => expectRefused(row));
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
