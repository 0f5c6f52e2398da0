/**
 * The API reference the mock serves at /docs, opened in a real Chromium: every request field,
 * the Version header, bearer auth and its scope, every response with its example, and every
 * departure note are on the rendered page, and nothing is fetched from beyond 127.0.0.1.
 */
import { type MockServer, startMockServer } from "@ghl-inbound/mock";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Chromium, launchChromium, screenshotPath, watchRequests } from "./support/chromium.js";
import { findExamples } from "./support/examples.js";
import { readOperation, readSpec, responseOf } from "./support/spec.js";

const spec = readSpec();
const operation = readOperation(spec);
const schemas = spec.components.schemas as Record<
  string,
  { properties?: Record<string, { description?: string; example?: unknown; $ref?: string }> }
>;

/** Markdown as it reads once rendered: no backticks or emphasis, one space between words. */
const asRendered = (markdown: string): string =>
  markdown
    .replace(/[`*]/g, "")
    .replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();

/** Every string, number or boolean inside a JSON value (the 422's `violations` are objects in a list). */
const leavesOf = (value: unknown): unknown[] =>
  value !== null && typeof value === "object" ? Object.values(value).flatMap(leavesOf) : [value];

let mock: MockServer;
let chromium: Chromium;
let page: Page;
let requests: ReturnType<typeof watchRequests>;
/** The page's visible text (innerText skips what CSS hides), whitespace collapsed. */
let text: string;

beforeAll(async () => {
  [mock, chromium] = await Promise.all([startMockServer({ port: 0, log: false }), launchChromium()]);
  page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  requests = watchRequests(page);
  await page.goto(mock.docsUrl, { waitUntil: "networkidle" });
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, which is what is checked.
  text = asRendered(await page.locator("body").innerText());
});
afterAll(async () => {
  await chromium?.close();
  await mock?.stop();
});

describe("the API reference at /docs", () => {
  it("loads nothing from beyond 127.0.0.1 (every script and style is inline)", () => {
    expect(requests.urls.length).toBeGreaterThan(0);
    expect(requests.offLoopback()).toEqual([]);
  });

  it("is titled after the spec and saved as a screenshot for people to look at", async () => {
    expect(await page.title()).toBe("HighLevel Conversations API — Add an inbound message: API reference");
    await page.screenshot({ path: await screenshotPath("docs.png"), fullPage: true });
  });

  const fields = Object.entries(schemas.InboundMessageFields!.properties!);
  it.each(fields)("shows the request field %s with its description", (name, property) => {
    expect(text).toMatch(new RegExp(`(^| )${name} `));
    const description =
      property.description ??
      (spec.components.schemas as Record<string, { description?: string }>)[
        property.$ref!.split("/").at(-1)!
      ]!.description;
    expect(text).toContain(asRendered(description!));
  });

  it.each(Object.entries(schemas.CallData!.properties!))("shows the call field %s", (name) => {
    expect(text).toMatch(new RegExp(`(^| )${name} `));
  });

  it("shows every field's example", () => {
    const fieldExamples = findExamples(spec).filter((example) =>
      example.at.startsWith("/components/schemas/InboundMessageFields/properties/"),
    );
    expect(fieldExamples.length).toBeGreaterThanOrEqual(10);
    for (const example of fieldExamples) {
      const shown = Array.isArray(example.value) ? JSON.stringify(example.value[0]) : String(example.value);
      expect(text, example.at).toContain(shown.replace(/^"|"$/g, ""));
    }
  });

  it.each([
    ["message type", "InboundMessageType"],
    ["direction", "MessageDirection"],
    ["call status", "CallStatus"],
  ])("shows every %s value of the enum", (_name, schema) => {
    for (const value of spec.components.schemas[schema]!.enum!) expect(text).toContain(`"${value}"`);
  });

  it("shows the Version header, required, with the value to send and the values accepted", () => {
    expect(text).toMatch(
      /HEADER PARAMETERS Version required string Default: 2021-04-15 Enum: "2021-04-15" "2021-07-28" "2023-02-21" "v3" Example: 2021-04-15 API Version/i,
    );
  });

  it("shows bearer auth, its format and the scope it needs", () => {
    expect(text).toMatch(/AUTHORIZATIONS: bearer/i);
    expect(text).toContain("Security Scheme Type: HTTP");
    expect(text).toContain("Bearer format: JWT");
    expect(text).toContain("Required scope: conversations/message.write");
  });

  it.each(Object.keys(operation.responses))("shows the %s response with its description", (status) => {
    expect(text).toMatch(new RegExp(`(^| )${status} `));
    expect(text).toContain(asRendered(responseOf(spec, status).description).slice(0, 60));
  });

  it("shows each response's example when its tab is chosen", async () => {
    const samples = page.locator('[role="tablist"]').last();
    for (const status of Object.keys(operation.responses)) {
      await samples.getByRole("tab", { name: status, exact: true }).click();
      const panel = page
        .locator('[role="tabpanel"]')
        .filter({ has: page.getByText("Content type") })
        .last();
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text of the chosen tab, not the hidden ones.
      const shown = asRendered(await panel.innerText());
      const example = responseOf(spec, status).content!["application/json"]!.example as Record<
        string,
        unknown
      >;
      for (const value of leavesOf(example)) expect(shown, `the ${status} example`).toContain(String(value));
    }
  });

  it("shows each request example by its summary", () => {
    for (const example of Object.values(
      operation.requestBody.content["application/json"]!.examples as Record<string, { summary?: string }>,
    )) {
      expect(text).toContain(example.summary!);
    }
  });

  it("shows where this spec departs from HighLevel's published file, and why, for every departure", () => {
    expect(text).toContain("Where this spec departs from HighLevel's published file");
    const notes = JSON.stringify(spec).match(/"x-ghl-inbound-departure":"((?:[^"\\]|\\.)*)"/g) ?? [];
    expect(notes.length).toBeGreaterThanOrEqual(7);
    for (const note of notes) {
      const value = JSON.parse(note.slice('"x-ghl-inbound-departure":'.length)) as string;
      expect(text).toContain(asRendered(value));
    }
  });

  it("finds the operation with its search box", async () => {
    await page.getByRole("search").locator("input").fill("inbound message");
    await expect
      .poll(async () => page.locator('[role="search"] [role="menuitem"], .search-results li').allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringContaining("Add an inbound message")]));
  });
});
