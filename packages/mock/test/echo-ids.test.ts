import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withEchoedIds } from "../src/echo-ids.js";
import { type MockServer, startMockServer } from "../src/index.js";
import { postMessage, VALID_BODY } from "./helpers.js";

const EXAMPLE = {
  success: true,
  conversationId: "example-conversation",
  messageId: "m1",
  contactId: "string",
};

interface Row {
  given: { status: number; body: unknown; requestBody: unknown };
  want: unknown;
}

const rows: [string, Row][] = [
  [
    "takes the contactId the request sent",
    {
      given: { status: 200, body: EXAMPLE, requestBody: { contactId: "c-sent" } },
      want: { ...EXAMPLE, contactId: "c-sent" },
    },
  ],
  [
    "takes both ids when both were sent, for a 201 too",
    {
      given: { status: 201, body: EXAMPLE, requestBody: { conversationId: "v-sent", contactId: "c-sent" } },
      want: { ...EXAMPLE, conversationId: "v-sent", contactId: "c-sent" },
    },
  ],
  [
    "leaves an error body alone",
    {
      given: { status: 400, body: { statusCode: 400 }, requestBody: { contactId: "c" } },
      want: { statusCode: 400 },
    },
  ],
  [
    "adds no field the answer does not have",
    {
      given: { status: 200, body: { messageId: "m1" }, requestBody: { contactId: "c" } },
      want: { messageId: "m1" },
    },
  ],
  [
    "ignores an id that is not a string",
    { given: { status: 200, body: EXAMPLE, requestBody: { contactId: 42 } }, want: EXAMPLE },
  ],
];

describe("withEchoedIds", () => {
  it.each(rows)("%s", (_name, { given, want }) => {
    expect(withEchoedIds(given.status, given.body, given.requestBody)).toEqual(want);
  });
});

describe("the mock's success answer", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ log: false });
  });
  afterAll(() => mock.stop());

  it("carries the contactId the request sent, not the example's", async () => {
    const answer = await postMessage(mock.url, { ...VALID_BODY, contactId: "contact-sent-by-test" });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ success: true, contactId: "contact-sent-by-test" });
  });

  it("carries the conversationId the request sent", async () => {
    const { contactId: _contactId, ...byConversation } = VALID_BODY;
    const answer = await postMessage(mock.url, { ...byConversation, conversationId: "conversation-sent" });
    expect(answer.json).toMatchObject({ conversationId: "conversation-sent" });
  });

  it.each([
    ["a 201 (Prefer: code=201)", "code=201"],
    ["a generated body (Prefer: dynamic=true)", "dynamic=true"],
  ])("does so in %s", async (_name, prefer) => {
    const answer = await postMessage(
      mock.url,
      { ...VALID_BODY, conversationId: "conversation-sent", contactId: "contact-sent" },
      { Prefer: prefer },
    );
    expect(answer.status).toBeLessThan(300);
    expect(answer.json).toMatchObject({ conversationId: "conversation-sent", contactId: "contact-sent" });
  });
});
