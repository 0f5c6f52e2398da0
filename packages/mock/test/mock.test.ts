import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type MockServer, startMockServer } from "../src/index.js";
import { OPERATION_PATH, postMessage, VALID_BODY } from "./helpers.js";

const spec = parse(await readFile(new URL("../../../spec/openapi.yaml", import.meta.url), "utf8"));
const responses = spec.components.responses;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, log: false });
});
afterAll(() => mock.stop());

describe("startMockServer", () => {
  it("listens on 127.0.0.1 on the free port it picked and reports its URLs", () => {
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.docsUrl).toBe(`${mock.url}/docs`);
  });

  it("answers a valid request with the documented 200 example", async () => {
    const answer = await postMessage(mock.url);
    expect(answer.status).toBe(200);
    // With the contactId the request sent (echo-ids.test.ts).
    expect(answer.json).toEqual({
      ...responses.MessageAdded.content["application/json"].example,
      contactId: VALID_BODY.contactId,
    });
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("99");
  });

  it("generates a different body that still has the response's fields when asked for dynamic", async () => {
    const answer = await postMessage(mock.url, VALID_BODY, { Prefer: "dynamic=true" });
    expect(answer.status).toBe(200);
    expect(answer.json).not.toEqual(responses.MessageAdded.content["application/json"].example);
    expect(answer.json).toMatchObject({
      success: expect.any(Boolean),
      conversationId: expect.any(String),
      messageId: expect.any(String),
      message: expect.any(String),
    });
  });

  it("repeats a dynamic body for the same seed", async () => {
    const first = await postMessage(mock.url, VALID_BODY, { Prefer: "dynamic=true, seed=frontend" });
    const again = await postMessage(mock.url, VALID_BODY, { Prefer: "dynamic=true, seed=frontend" });
    expect(again.json).toEqual(first.json);
  });

  const declared = Object.entries(
    (
      spec.paths["/conversations/messages/inbound"] as {
        post: { responses: Record<string, { $ref: string }> };
      }
    ).post.responses,
  ).map(([code, { $ref }]) => [code, $ref.split("/").pop()!] as const);

  it("is asked for every status the spec declares", () => {
    expect(declared.map(([code]) => code)).toEqual([
      "200",
      "201",
      "400",
      "401",
      "403",
      "404",
      "422",
      "429",
      "500",
    ]);
  });

  it.each(declared)(
    "answers Prefer: code=%s with that response's own example and headers",
    async (code, name) => {
      const answer = await postMessage(mock.url, VALID_BODY, { Prefer: `code=${code}` });
      const response = responses[name];
      expect(answer.status).toBe(Number(code));
      const example = response.content["application/json"].example;
      // A success carries the contactId the request sent (echo-ids.test.ts).
      expect(answer.json).toEqual(
        code.startsWith("2") ? { ...example, contactId: VALID_BODY.contactId } : example,
      );
      for (const header of Object.keys(response.headers ?? {}))
        expect(answer.headers.get(header), header).not.toBeNull();
    },
  );

  it("refuses a Prefer code the spec does not document, naming it", async () => {
    const answer = await postMessage(mock.url, VALID_BODY, { Prefer: "code=418" });
    expect(answer.status).toBe(404);
    expect(answer.text).toContain("418");
  });

  it("refuses a malformed Prefer value, naming the preference", async () => {
    const answer = await postMessage(mock.url, VALID_BODY, { Prefer: "code=four-hundred" });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("Prefer header: code="),
    });
  });

  it("answers a 201 with no body for Prefer: quirk=201-no-body (issue #70)", async () => {
    const answer = await postMessage(mock.url, VALID_BODY, { Prefer: "quirk=201-no-body" });
    expect(answer.status).toBe(201);
    expect(answer.text).toBe("");
    expect(answer.headers.get("x-mock-quirk")).toContain("#70");
  });

  it("answers 500 for Prefer: quirk=500-bad-token (issue #6)", async () => {
    const answer = await postMessage(mock.url, VALID_BODY, { Prefer: "quirk=500-bad-token" });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ statusCode: 500, message: "Internal server error" });
  });
});

/** node:http, since fetch always adds a Content-Type to a string body. */
async function postWithoutFetch(
  baseUrl: string,
  body: string,
  contentType: string | undefined,
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { Authorization: "Bearer t", Version: "2021-04-15" };
  if (contentType !== undefined) headers["Content-Type"] = contentType;
  const request = httpRequest(`${baseUrl}${OPERATION_PATH}`, { method: "POST", headers });
  request.end(body);
  const [response] = (await once(request, "response")) as [IncomingMessage];
  let text = "";
  for await (const chunk of response) text += String(chunk);
  return { status: response.statusCode ?? 0, json: JSON.parse(text) };
}

describe("what the mock refuses", () => {
  it.each([
    ["a missing Version header", { Version: undefined }, "Version header is missing"],
    ["an unknown Version", { Version: "2024-01-01" }, 'Version header "2024-01-01" is not accepted'],
    ["an empty Version", { Version: "" }, "Version header"],
  ])("answers 400 for %s, naming every accepted value", async (_name, headers, text) => {
    const answer = await postMessage(mock.url, VALID_BODY, headers);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      statusCode: 400,
      error: "Bad Request",
      violations: [{ location: "header.version" }],
    });
    const { message } = answer.json as { message: string };
    expect(message).toContain(text);
    expect(message).toContain("send one of 2021-04-15, 2021-07-28, 2023-02-21, v3");
  });

  it.each(["2021-04-15", "2021-07-28", "2023-02-21", "v3"])(
    "accepts Version: %s, a value HighLevel's own clients send",
    async (version) => {
      expect((await postMessage(mock.url, VALID_BODY, { Version: version })).status).toBe(200);
    },
  );

  it("answers a body that breaks the schema with 422, as HighLevel's validation layer does", async () => {
    const { conversationProviderId: _provider, ...withoutProvider } = VALID_BODY;
    const answer = await postMessage(mock.url, { ...withoutProvider, type: "Custom", attachments: [] });
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({
      statusCode: 422,
      message: [
        "attachments must contain at least 1 elements",
        "conversationProviderId should not be empty when type is Custom",
      ],
      error: "Unprocessable Entity",
      traceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      violations: [
        {
          location: "body.attachments",
          code: "minItems",
          message: "attachments must contain at least 1 elements",
        },
        {
          location: "body.conversationProviderId",
          code: "required",
          message: "conversationProviderId should not be empty when type is Custom",
        },
      ],
    });
  });

  it("gives each 422 its own traceId", async () => {
    const traceIds = new Set<unknown>();
    for (let attempt = 0; attempt < 3; attempt++)
      traceIds.add(((await postMessage(mock.url, { type: "SMS" })).json as { traceId: unknown }).traceId);
    expect(traceIds.size).toBe(3);
  });

  it.each(["WhatsApp", "Live_Chat", "SMS", "Email", "RCS"])(
    "adds a %s message without conversationProviderId (HighLevel's issue tracker)",
    async (type) => {
      const { conversationProviderId: _provider, ...withoutProvider } = VALID_BODY;
      expect((await postMessage(mock.url, { ...withoutProvider, type })).status).toBe(200);
    },
  );

  it.each([
    ["no Authorization header", undefined, "Missing bearer token"],
    ["a Basic scheme", "Basic dXNlcjpwYXNz", 'scheme "Basic"'],
    ["a token without a scheme", "secret-token-value", "no scheme"],
  ])("answers 401 for %s, without echoing the token", async (_name, authorization, text) => {
    const answer = await postMessage(mock.url, VALID_BODY, { Authorization: authorization });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toBe("Bearer");
    expect(answer.json).toMatchObject({
      statusCode: 401,
      error: "Unauthorized",
      message: expect.stringContaining(text),
    });
    expect(answer.text).not.toContain("secret-token-value");
    expect(answer.text).not.toContain("dXNlcjpwYXNz");
  });

  it("accepts the bearer scheme in any case, as HTTP defines it", async () => {
    expect(
      (await postMessage(mock.url, VALID_BODY, { Authorization: "bearer lower-case-scheme" })).status,
    ).toBe(200);
  });

  it("answers 400 for malformed JSON, saying where it broke", async () => {
    const answer = await postMessage(mock.url, '{"type":"SMS",');
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toMatch(
      /^Malformed JSON in the request body: .*position/,
    );
  });

  it.each([
    ["text/plain", "is text/plain"],
    ["application/x-www-form-urlencoded", "is application/x-www-form-urlencoded"],
    [undefined, "is missing"],
  ])(
    "answers 400 saying which Content-Type it found (%s), and nothing about the body it did not read",
    async (contentType, found) => {
      const answer = await postWithoutFetch(mock.url, JSON.stringify(VALID_BODY), contentType);
      expect(answer.status).toBe(400);
      const message = `Request header content-type ${found}, so the body was not read as JSON; send Content-Type: application/json`;
      expect(answer.json).toEqual({
        statusCode: 400,
        error: "Bad Request",
        message,
        violations: [{ location: "header.content-type", code: "mediaType", message }],
      });
    },
  );

  it("answers 422 for an empty body", async () => {
    const answer = await postMessage(mock.url, "");
    expect(answer.status).toBe(422);
    expect((answer.json as { message: string[] }).message).toEqual(["body must be an object"]);
  });

  it("enforces the anyOf rule: a body with neither id is refused, naming both", async () => {
    const { contactId: _contactId, ...withoutId } = VALID_BODY;
    const answer = await postMessage(mock.url, withoutId);
    expect(answer.status).toBe(422);
    expect((answer.json as { message: string[] }).message).toEqual([
      "body must have conversationId or contactId",
    ]);
  });

  it("answers 404 for a path the spec does not have and 405 for a method it does not have", async () => {
    const notFound = await fetch(`${mock.url}/conversations/messages`, { method: "POST" });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({
      statusCode: 404,
      message: expect.stringContaining("/conversations/messages"),
    });
    const wrongMethod = await fetch(`${mock.url}${OPERATION_PATH}`);
    expect(wrongMethod.status).toBe(405);
  });
});

describe("CORS for a frontend on another origin", () => {
  const origin = "http://localhost:5173";

  it("allows the preflight for Authorization, Version and Content-Type", async () => {
    const response = await fetch(`${mock.url}${OPERATION_PATH}`, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,version",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-allow-methods")).toBe("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type,version");
  });

  it("lets the page read the answer and its rate-limit headers", async () => {
    const answer = await postMessage(mock.url, VALID_BODY, { Origin: origin });
    expect(answer.headers.get("access-control-allow-origin")).toBe(origin);
    expect(answer.headers.get("access-control-expose-headers")).toContain("X-RateLimit-Remaining");
  });

  it("lets the page read a refusal too", async () => {
    const answer = await postMessage(mock.url, VALID_BODY, { Origin: origin, Version: undefined });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("access-control-allow-origin")).toBe(origin);
  });
});

describe("the spec it serves", () => {
  it("serves the embedded spec as YAML at /openapi.yaml, byte for byte", async () => {
    const response = await fetch(`${mock.url}/openapi.yaml`);
    expect(response.headers.get("content-type")).toContain("yaml");
    expect(await response.text()).toBe(
      await readFile(new URL("../../../spec/openapi.yaml", import.meta.url), "utf8"),
    );
  });

  it("serves the same document as JSON at /openapi.json", async () => {
    const response = await fetch(`${mock.url}/openapi.json`);
    expect(await response.json()).toEqual(spec);
  });
});

describe("the API reference it serves", () => {
  it("serves one HTML page at /docs (and /docs/) whose scripts and styles are all inline", async () => {
    for (const path of ["/docs", "/docs/"]) {
      const response = await fetch(`${mock.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await response.text();
      expect(html).toContain(
        "<title>HighLevel Conversations API — Add an inbound message: API reference</title>",
      );
      const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scriptTags.length).toBeGreaterThanOrEqual(2);
      expect(scriptTags.filter((tag) => /\bsrc\s*=/i.test(tag))).toEqual([]);
      expect(html).not.toMatch(/<link\b/i);
      const styles = (html.match(/<style\b[^>]*>[\s\S]*?<\/style>/g) ?? []).join("");
      expect(styles.length).toBeGreaterThan(1000);
      expect(styles).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//i);
      expect(html).toContain(`content="default-src 'none';`);
    }
  });

  it("pre-renders the operation, so the text is there before any script runs", async () => {
    const html = await (await fetch(`${mock.url}/docs`)).text();
    for (const text of [
      "conversationProviderId",
      "Where this spec departs from HighLevel",
      "Bearer format",
    ]) {
      expect(html).toContain(text);
    }
  });

  it("states the either-id rule in the rendered page, which Redoc cannot draw beside the provider rule", async () => {
    const html = await (await fetch(`${mock.url}/docs`)).text();
    const rendered = html.slice(0, html.indexOf("<script>"));
    expect(rendered).toContain("Either <code>conversationId</code> or <code>contactId</code> is required");
  });

  it("redirects / to /docs", async () => {
    const response = await fetch(mock.url, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/docs");
  });
});

describe("another spec", () => {
  it("mocks a spec passed as an object instead of the embedded one", async () => {
    const other = structuredClone(spec);
    other.components.responses.MessageAdded.content["application/json"].example.messageId = "from-the-object";
    const server = await startMockServer({ spec: other, log: false });
    try {
      const answer = await postMessage(server.url);
      expect(answer.json).toMatchObject({ messageId: "from-the-object" });
      const docs = await fetch(server.docsUrl);
      expect(docs.status).toBe(404);
      // Its body rules are Prism's, in Prism's words and with the status Prism picks from that spec.
      const refused = await postMessage(server.url, { ...VALID_BODY, type: "Fax" });
      expect(refused.status).toBe(422);
      expect((refused.json as { message: string }).message).toContain("Request body property type");
    } finally {
      await server.stop();
    }
  });

  it("fails to start with the path in the error when the spec file does not exist", async () => {
    await expect(startMockServer({ spec: "does-not-exist.yaml", log: false })).rejects.toThrow(
      /does-not-exist\.yaml/,
    );
  });

  it("rejects a bad option by name before listening", async () => {
    await expect(startMockServer({ port: 70000 })).rejects.toThrow("port must be an integer from 0 to 65535");
  });

  it("says the port is in use when it is", async () => {
    await expect(startMockServer({ port: mock.port, log: false })).rejects.toThrow(
      /EADDRINUSE.*port is in use/,
    );
  });

  it("prints the ready line with the docs address", async () => {
    const lines: string[] = [];
    const server = await startMockServer({ log: (line) => lines.push(line) });
    await server.stop();
    expect(lines).toEqual([`ghl-inbound mock ready at ${server.url} (docs: ${server.url}/docs)`]);
  });
});
