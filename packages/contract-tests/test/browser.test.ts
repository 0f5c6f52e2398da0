/**
 * A real Chromium loads a page from one origin that posts to the mock on another (CORS with
 * Authorization, Version and Content-Type), and the test reads the answer from the page's DOM.
 */
import { type MockServer, startMockServer } from "@ghl-inbound/mock";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Chromium, launchChromium, screenshotPath, watchRequests } from "./support/chromium.js";
import { type PageServer, startPageServer } from "./support/page-server.js";
import { createSpecValidator, describeErrors, readSpec, responseSchemaPointer } from "./support/spec.js";

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
let requests: ReturnType<typeof watchRequests>;
beforeEach(async () => {
  page = await chromium.context.newPage();
  requests = watchRequests(page);
  mockLog.length = 0;
  await page.goto(`${pageServer.url}/?api=${encodeURIComponent(mock.url)}`);
});
afterEach(async () => {
  expect(requests.offLoopback()).toEqual([]);
  await page.close();
});

/** Fills the form like a person, presses Send and waits for the page to show the answer. */
async function send(
  fields: Record<string, string> = {},
): Promise<{ status: string; shown: string; result: unknown }> {
  for (const [name, value] of Object.entries(fields)) await page.locator(`[name="${name}"]`).fill(value);
  await page.getByRole("button", { name: "Send" }).click();
  const output = page.locator('#status[data-state="done"]');
  await output.waitFor();
  const resultText = (await page.locator("#result").textContent()) ?? "";
  return {
    status: (await output.getAttribute("data-status")) ?? "",
    shown: (await output.textContent()) ?? "",
    result: resultText === "" ? undefined : JSON.parse(resultText),
  };
}

describe("a page on another origin posting to the mock in Chromium", () => {
  it("is served from another origin than the mock", () => {
    expect(new URL(pageServer.url).origin).not.toBe(new URL(mock.url).origin);
  });

  it("adds a message: the preflight passes and the page shows the documented 200 body", async () => {
    const answer = await send();
    expect(answer.status).toBe("200");
    expect(answer.shown).toBe("Added (200)");
    const validate = validatorAt(responseSchemaPointer(spec, "200"));
    expect(validate(answer.result), describeErrors(validate)).toBe(true);
    expect(mockLog).toContain("OPTIONS /conversations/messages/inbound -> 204");
    expect(mockLog).toContain("POST /conversations/messages/inbound -> 200");
    await page.screenshot({ path: await screenshotPath("browser-message-added.png"), fullPage: true });
  });

  it("offers every message type of the spec in its type list (bundled from @ghl-inbound/types)", async () => {
    const options = await page.locator('select[name="type"] option').allTextContents();
    expect(options).toEqual(spec.components.schemas.InboundMessageType!.enum);
  });

  it("shows the 401 and its reason when no token is sent", async () => {
    const answer = await send({ accessToken: "" });
    expect(answer.status).toBe("401");
    expect(answer.result).toMatchObject({
      statusCode: 401,
      message: expect.stringContaining("Missing bearer token"),
    });
  });

  it("shows a 400 that names both ids when neither is sent", async () => {
    const answer = await send({ contactId: "" });
    expect(answer.status).toBe("400");
    expect(answer.result).toMatchObject({
      message: "Request body must have required property 'conversationId' or 'contactId'",
    });
    await page.screenshot({ path: await screenshotPath("browser-message-refused.png"), fullPage: true });
  });

  it("shows the spec's 401 example when the page forces it with Prefer", async () => {
    const answer = await send({ prefer: "code=401" });
    expect(answer.status).toBe("401");
    const validate = validatorAt(responseSchemaPointer(spec, "401"));
    expect(validate(answer.result), describeErrors(validate)).toBe(true);
  });
});
