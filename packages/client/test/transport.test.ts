import { afterEach, describe, expect, it } from "vitest";
import { createHighLevelClient } from "../src/index.js";
import { PendingRequest, sendPendingRequest } from "../src/transport.js";
import { type MisbehavingServer, SMS, SUCCESS, startMisbehavingServer, TOKEN } from "./helpers.js";

let server: MisbehavingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const BODY = JSON.stringify(SMS);

describe("PendingRequest", () => {
  it("keeps the URL, the upper-case method, the headers as Headers and the signal it was given", () => {
    const signal = new AbortController().signal;
    const request = new PendingRequest("http://127.0.0.1:1/x", {
      method: "post",
      headers: { Version: "2021-04-15" },
      body: BODY,
      signal,
    });

    expect(request.url).toBe("http://127.0.0.1:1/x");
    expect(request.method).toBe("POST");
    expect(request.headers).toBeInstanceOf(Headers);
    expect(request.headers.get("version")).toBe("2021-04-15");
    expect(request.signal).toBe(signal);
  });

  it("turns into a real Request with the same method, URL, headers and body", async () => {
    const request = new PendingRequest("http://127.0.0.1:1/x", {
      method: "POST",
      headers: new Headers({ "Content-Type": "application/json" }),
      body: BODY,
      redirect: "error",
    }).toRequest();

    expect(request).toBeInstanceOf(Request);
    expect(request.method).toBe("POST");
    expect(request.url).toBe("http://127.0.0.1:1/x");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.redirect).toBe("error");
    expect(await request.text()).toBe(BODY);
  });
});

describe("sendPendingRequest", () => {
  it("sends through the platform fetch when no fetch was given: the server gets the body and headers", async () => {
    server = await startMisbehavingServer({ status: 200, json: SUCCESS });
    const response = await sendPendingRequest(
      new PendingRequest(`${server.url}/x`, {
        method: "POST",
        headers: new Headers({ "Content-Type": "application/json", Version: "2021-04-15" }),
        body: BODY,
      }),
      undefined,
    );

    expect(response.status).toBe(200);
    expect(server.requests[0]?.body).toBe(BODY);
    expect(server.requests[0]?.headers.version).toBe("2021-04-15");
  });

  it("hands a given fetch a real Request, as the fetch option documents", async () => {
    const seen: unknown[] = [];
    const response = await sendPendingRequest(
      new PendingRequest("http://127.0.0.1:1/x", { method: "POST", body: BODY }),
      async (request) => {
        seen.push(request);
        return new Response(await request.text());
      },
    );

    expect(seen[0]).toBeInstanceOf(Request);
    expect(await response.text()).toBe(BODY);
  });
});

describe("the client's fetch option", () => {
  it("receives a Request carrying the body and the bearer token, and its Response is judged", async () => {
    server = await startMisbehavingServer({ status: 200, json: SUCCESS });
    const seen: Request[] = [];
    const client = createHighLevelClient({
      accessToken: TOKEN,
      baseUrl: server.url,
      fetch: (request) => {
        seen.push(request);
        return fetch(request);
      },
    });

    expect(await client.addInboundMessage(SMS)).toEqual(SUCCESS);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(SMS);
  });
});
