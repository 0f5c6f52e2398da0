import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { createRequestLog, MAX_RECORDED_REQUESTS, redactHeaders } from "../src/request-log.js";
import { OPERATION_PATH, postMessage, VALID_BODY } from "./helpers.js";

describe("redactHeaders", () => {
  it.each([
    ["keeps the scheme of a bearer token", "Bearer eyJhbGciOi.secret", "Bearer [REDACTED]"],
    ["keeps another scheme", "Basic dXNlcjpwYXNz", "Basic [REDACTED]"],
    ["redacts a token sent without a scheme whole", "secret-token-value", "[REDACTED]"],
  ])("%s", (_name, authorization, want) => {
    expect(redactHeaders({ authorization, version: "2021-04-15" })).toEqual({
      authorization: want,
      version: "2021-04-15",
    });
  });

  it("redacts cookies and joins repeated headers", () => {
    expect(redactHeaders({ cookie: "session=abc", "x-forwarded-for": ["a", "b"] })).toEqual({
      cookie: "[REDACTED]",
      "x-forwarded-for": "a, b",
    });
  });
});

describe("createRequestLog", () => {
  it(`keeps the last ${MAX_RECORDED_REQUESTS} requests, oldest first`, () => {
    const log = createRequestLog();
    for (let index = 0; index < MAX_RECORDED_REQUESTS + 5; index++) {
      log.add({
        method: "POST",
        path: `/${index}`,
        headers: {},
        body: undefined,
        receivedAt: new Date(),
        status: 200,
      });
    }
    const paths = log.list().map((request) => request.path);
    expect(paths).toHaveLength(MAX_RECORDED_REQUESTS);
    expect(paths[0]).toBe("/5");
    expect(paths.at(-1)).toBe(`/${MAX_RECORDED_REQUESTS + 4}`);
  });
});

describe("mock.requests", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ log: false });
  });
  afterAll(() => mock.stop());
  beforeEach(() => mock.clearRequests());

  it("records what was sent, the token redacted, and the status it got", async () => {
    const before = Date.now();
    await postMessage(mock.url, VALID_BODY, { Authorization: "Bearer very-secret-token" });
    expect(mock.requests).toEqual([
      {
        method: "POST",
        path: OPERATION_PATH,
        headers: expect.objectContaining({
          authorization: "Bearer [REDACTED]",
          version: "2021-04-15",
          "content-type": "application/json",
        }),
        body: VALID_BODY,
        receivedAt: expect.any(Date),
        status: 200,
      },
    ]);
    const [request] = mock.requests;
    expect(request!.receivedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(mock.requests)).not.toContain("very-secret-token");
  });

  it("records refused requests too, with their status and the body as sent", async () => {
    await postMessage(mock.url, VALID_BODY, { Version: undefined });
    await postMessage(mock.url, '{"type":"SMS",');
    await postMessage(mock.url, VALID_BODY, { Authorization: undefined });
    expect(mock.requests.map(({ status, body }) => ({ status, body }))).toEqual([
      { status: 400, body: VALID_BODY },
      { status: 400, body: '{"type":"SMS",' },
      { status: 401, body: VALID_BODY },
    ]);
  });

  it("keeps the query string and the method of other requests", async () => {
    await postMessage(`${mock.url}`, VALID_BODY, {});
    await fetch(`${mock.url}${OPERATION_PATH}?__code=401`, { method: "POST" });
    await fetch(`${mock.url}/openapi.json`);
    expect(mock.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      `POST ${OPERATION_PATH} 200`,
      `POST ${OPERATION_PATH}?__code=401 401`,
      "GET /openapi.json 200",
    ]);
  });

  it("is a copy: a request sent later does not change what a test already read", async () => {
    await postMessage(mock.url);
    const seen = mock.requests;
    await postMessage(mock.url);
    expect(seen).toHaveLength(1);
    expect(mock.requests).toHaveLength(2);
  });

  it("is emptied by clearRequests()", async () => {
    await postMessage(mock.url);
    mock.clearRequests();
    expect(mock.requests).toEqual([]);
  });
});
