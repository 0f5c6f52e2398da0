/**
 * A real Chromium loads a page from one origin that sends through @ghl-inbound/client (bundled
 * for the browser) to the mock on another (CORS with Authorization, Version, Content-Type and
 * Prefer), and the test reads the outcome from the page's DOM: the added message, or the client's
 * typed error.
 */
import { type MockServer, startMockServer } from "@ghl-inbound/mock";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Chromium,
  launchChromium,
  screenshotPath,
  type WatchedRequests,
  watchRequests,
} from "./support/chromium.js";
import { type PageServer, startPageServer } from "./support/page-server.js";
import {
  createSpecValidator,
  describeErrors,
  OPERATION_PATH,
  readSpec,
  responseOf,
  responseSchemaPointer,
} from "./support/spec.js";

const spec = readSpec();
const validatorAt = createSpecValidator(spec);

let mock: MockServer;
let pageServer: PageServer;
let chromium: Chromium;
const mockLog: string[] = [];

beforeAll(async () => {
  [mock, pageServer, chromium] = await Promise.all([
    startMockServer({ log: (line) => mockLog.push(line), logRequests: true }),
    startPageServer(),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.all([chromium?.close(), pageServer?.stop(), mock?.stop()]);
});

let page: Page;
let requests: WatchedRequests;
beforeEach(async () => {
  page = await chromium.context.newPage();
  requests = watchRequests(page);
  await page.goto(`${pageServer.url}/?api=${encodeURIComponent(mock.url)}`);
  mockLog.length = 0;
});
afterEach(async () => {
  expect(requests.offLoopback()).toEqual([]);
  await page.close();
});

interface Shown {
  outcome: string;
  errorName: string | null;
  status: string | null;
  text: string;
  result: Record<string, unknown>;
}

/** Fills the form like a person, presses Send and waits for the page to show the outcome. */
async function send(fields: Record<string, string> = {}): Promise<Shown> {
  for (const [name, value] of Object.entries(fields)) await page.locator(`[name="${name}"]`).fill(value);
  await page.getByRole("button", { name: "Send" }).click();
  const output = page.locator('#status[data-state="done"]');
  await output.waitFor();
  return {
    outcome: (await output.getAttribute("data-outcome")) ?? "",
    errorName: await output.getAttribute("data-error-name"),
    status: await output.getAttribute("data-status"),
    text: (await output.textContent()) ?? "",
    result: JSON.parse((await page.locator("#result").textContent()) ?? ""),
  };
}

/** The requests the page made to the mock's origin (Playwright does not report CORS preflights). */
const requestsToMock = (): string[] => requests.lines.filter((line) => line.includes(` ${mock.url}/`));

describe("a page on another origin sending through the bundled client in Chromium", () => {
  it("is served from another origin than the mock", () => {
    expect(new URL(pageServer.url).origin).not.toBe(new URL(mock.url).origin);
  });

  it("bundles the built @ghl-inbound/client and @ghl-inbound/types for the browser", () => {
    expect(pageServer.bundledFiles).toContain("../client/dist/index.js");
    expect(pageServer.bundledFiles).toContain("../types/dist/index.js");
    expect(pageServer.bundledFiles.filter((file) => file.startsWith("node:"))).toEqual([]);
  });

  it("offers every message type of the spec in its type list", async () => {
    const options = await page.locator('select[name="type"] option').allTextContents();
    expect(options).toEqual(spec.components.schemas.InboundMessageType!.enum);
  });

  it("adds a message: the preflight passes and the page shows the messageId of the documented 200 body", async () => {
    const posted = page.waitForRequest((request) => request.method() === "POST");
    const shown = await send();
    expect(await (await posted).allHeaders()).toMatchObject({
      authorization: "Bearer browser-test-token",
      version: spec.components.parameters.Version!.schema.enum[0],
      "content-type": "application/json",
    });
    const example = responseOf(spec, "200").content!["application/json"]!.example as { messageId: string };
    expect(shown.outcome).toBe("added");
    expect(shown.text).toBe(`Added: message ${example.messageId}`);
    const validate = validatorAt(responseSchemaPointer(spec, "200"));
    expect(validate(shown.result), describeErrors(validate)).toBe(true);
    expect(mockLog).toEqual([`OPTIONS ${OPERATION_PATH} -> 204`, `POST ${OPERATION_PATH} -> 200`]);
    expect(requestsToMock()).toEqual([`POST ${mock.url}${OPERATION_PATH}`]);
    await page.screenshot({ path: await screenshotPath("browser-message-added.png"), fullPage: true });
  });

  it("shows the client's AuthenticationError (401) with the spec's body when the mock refuses the token", async () => {
    const shown = await send({ prefer: "code=401" });
    expect(shown.outcome).toBe("refused");
    expect(shown.errorName).toBe("AuthenticationError");
    expect(shown.status).toBe("401");
    expect(shown.text).toBe("AuthenticationError (401)");
    const validate = validatorAt(responseSchemaPointer(spec, "401"));
    expect(validate(shown.result.body), describeErrors(validate)).toBe(true);
    expect(shown.result.message).not.toContain("browser-test-token");
    // A string token cannot be refreshed: one send, no resend.
    expect(mockLog).toEqual([`OPTIONS ${OPERATION_PATH} -> 204`, `POST ${OPERATION_PATH} -> 401`]);
  });

  it("shows the client's ValidationError naming both ids when neither is given, and sends nothing", async () => {
    const shown = await send({ contactId: "" });
    expect(shown.outcome).toBe("refused");
    expect(shown.errorName).toBe("ValidationError");
    expect(shown.status).toBeNull();
    expect(shown.result.issues).toEqual([{ path: "", message: "must have conversationId or contactId" }]);
    expect(requestsToMock()).toEqual([]);
    expect(mockLog).toEqual([]);
    await page.screenshot({ path: await screenshotPath("browser-message-refused.png"), fullPage: true });
  });

  it("shows the client's UnexpectedResponseError for the mock's 201 with no body: not taken for a success", async () => {
    const shown = await send({ prefer: "quirk=201-no-body" });
    expect(shown.outcome).toBe("refused");
    expect(shown.errorName).toBe("UnexpectedResponseError");
    expect(shown.status).toBe("201");
    expect(shown.result.issues).toEqual(["empty body"]);
  });

  it("shows the client's TypeError for an empty token, and sends nothing", async () => {
    const shown = await send({ accessToken: "" });
    expect(shown.outcome).toBe("refused");
    expect(shown.errorName).toBe("TypeError");
    expect(shown.result.message).toContain("accessToken");
    expect(requestsToMock()).toEqual([]);
    expect(mockLog).toEqual([]);
  });
});
