import { BAD_BODIES, bodyValueOf } from "@ghl-inbound/test-support/bad-bodies";
import { CALL_STATUSES, INBOUND_MESSAGE_TYPES, type InboundMessageRequest } from "@ghl-inbound/types";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ValidationError, type ValidationIssue } from "../src/errors.js";
import { checkAddMessageResponse, checkMessageBody, validateInboundMessage } from "../src/validation.js";
import { SUCCESS } from "./helpers.js";

const request = { method: "POST", url: "http://127.0.0.1/conversations/messages/inbound" };
const provider = "61d6d1f9cdac7612faf80753";
const contactId = "ve9EPM428h8vShlRW1KT";

function issuesOf(body: unknown): ValidationIssue[] {
  try {
    checkMessageBody(body, request);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
  return [];
}

describe("checkMessageBody", () => {
  it.each<[string, unknown]>([
    ["an SMS by contactId", { type: "SMS", contactId, conversationProviderId: provider, message: "Hi" }],
    ["an SMS by conversationId", { type: "SMS", conversationId: "c1", conversationProviderId: provider }],
    ["both ids", { type: "SMS", conversationId: "c1", contactId, conversationProviderId: provider }],
    [
      "an email with every field",
      {
        type: "Email",
        contactId,
        conversationProviderId: provider,
        subject: "Re: quote",
        html: "<p>Hi</p>",
        message: "Hi",
        emailFrom: "a@b.c",
        emailTo: "d@e.f",
        emailCc: ["g@h.i"],
        emailBcc: [],
        emailMessageId: "<x@y>",
        altId: "ext-1",
        attachments: ["https://example.com/a.pdf"],
        direction: "inbound",
        date: "2024-07-29T15:51:28.071Z",
      },
    ],
    [
      "a call with every call field",
      {
        type: "Call",
        contactId,
        conversationProviderId: provider,
        call: { to: "+1", from: "+2", status: "voicemail" },
      },
    ],
  ])("accepts %s", (_name, body) => {
    expect(issuesOf(body)).toEqual([]);
  });

  it.each<[string, unknown, ValidationIssue[]]>([
    [
      "neither id",
      { type: "SMS", conversationProviderId: provider },
      [{ path: "", message: "must have conversationId or contactId" }],
    ],
    [
      "a missing type",
      { contactId, conversationProviderId: provider },
      [{ path: "/type", message: "is required" }],
    ],
    [
      "an empty contactId",
      { type: "SMS", contactId: "", conversationProviderId: provider },
      [{ path: "/contactId", message: "must not be empty" }],
    ],
    [
      "a misspelt field",
      { type: "SMS", contactId, contactID: "x", conversationProviderId: provider },
      [{ path: "/contactID", message: "is not a field of the spec" }],
    ],
    [
      "an unknown call field",
      { type: "Call", contactId, conversationProviderId: provider, call: { duration: 3 } },
      [{ path: "/call/duration", message: "is not a field of the spec" }],
    ],
    [
      "a non-string attachment",
      { type: "SMS", contactId, conversationProviderId: provider, attachments: [1] },
      [{ path: "/attachments/0", message: "must be string" }],
    ],
    [
      "a date without a time",
      { type: "SMS", contactId, conversationProviderId: provider, date: "2024-07-29" },
      [{ path: "/date", message: 'must match format "date-time"' }],
    ],
    ["an array", [], [{ path: "", message: "must be object" }]],
  ])("refuses %s, naming the field", (_name, body, want) => {
    expect(issuesOf(body)).toEqual(want);
  });

  it("reports a fault shared by both id shapes once, not once per shape", () => {
    const issues = issuesOf({ type: "Fax", contactId, conversationProviderId: provider });
    expect(issues).toEqual([
      { path: "/type", message: expect.stringMatching(/^must be one of "SMS", .*"FORM_SUBMISSION"$/) },
    ]);
  });

  it("lists every fault of a body with several", () => {
    const issues = issuesOf({ type: "Fax", conversationProviderId: 7, call: { status: "ringing" } });
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      "",
      "/call/status",
      "/conversationProviderId",
      "/type",
    ]);
  });

  it("takes its enums from the spec's schema: every generated type and call status passes, others fail", () => {
    for (const type of INBOUND_MESSAGE_TYPES) {
      for (const status of CALL_STATUSES) {
        expect(issuesOf({ type, contactId, conversationProviderId: provider, call: { status } })).toEqual([]);
      }
    }
    expect(issuesOf({ type: "Fax", contactId, conversationProviderId: provider })).toHaveLength(1);
  });

  it.each([
    ["SMS", []],
    ["Email", []],
    ["WhatsApp", []],
    ["Live_Chat", []],
    ["RCS", []],
    ["Custom", [{ path: "/conversationProviderId", message: 'is required when type is "Custom"' }]],
    ["Call", [{ path: "/conversationProviderId", message: 'is required when type is "Call"' }]],
  ])("without conversationProviderId, a %s message gets %j (HighLevel's provider guide)", (type, want) => {
    expect(issuesOf({ type, conversationId: "c1", message: "Hi" })).toEqual(want);
  });
});

describe.each(BAD_BODIES)("the shared table's body with %s", (_name, row) => {
  it(`is refused, with an issue at ${row.pointers.map((pointer) => pointer || "(body)").join(" and ")}`, () => {
    const paths = validateInboundMessage(bodyValueOf(row.body)).issues.map((issue) => issue.path);
    expect(paths.length).toBeGreaterThan(0);
    for (const pointer of row.pointers) expect(paths).toContain(pointer);
  });
});

describe("validateInboundMessage", () => {
  it("lists the same issues that checkMessageBody throws, and none for a body the client sends", () => {
    const bad = { type: "Fax", conversationProviderId: 7, call: { status: "ringing" } };
    expect(validateInboundMessage(bad)).toEqual({ ok: false, issues: issuesOf(bad) });
    expect(validateInboundMessage(bad).issues.length).toBeGreaterThan(0);
    const good = { type: "SMS", contactId, conversationProviderId: provider };
    expect(validateInboundMessage(good)).toEqual({ ok: true, message: good, issues: [] });
  });

  // Type rows, checked by tsc (`pnpm typecheck`): untyped JSON becomes an InboundMessageRequest through
  // `ok` alone, with no cast; before that check it is not one.
  it("narrows untyped JSON to an InboundMessageRequest without a cast", () => {
    const parsed: unknown = JSON.parse(JSON.stringify({ type: "SMS", contactId }));
    const result = validateInboundMessage(parsed);
    // @ts-expect-error `message` is not an InboundMessageRequest until `ok` is checked
    const unchecked: InboundMessageRequest = result.message;
    expect(unchecked).toEqual(parsed);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
    const request: InboundMessageRequest = result.message;
    expectTypeOf(result.message).toEqualTypeOf<InboundMessageRequest>();
    expect(request.type).toBe("SMS");
  });
});

describe("checkAddMessageResponse", () => {
  it.each<[string, string | undefined, string[]]>([
    ["no body", undefined, ["empty body"]],
    ["a blank body", "  ", ["empty body"]],
    ["text", "Created", ["body is not JSON"]],
    [
      "an empty object",
      "{}",
      [
        "/success is required",
        "/conversationId is required",
        "/messageId is required",
        "/message is required",
      ],
    ],
    ["a numeric messageId", JSON.stringify({ ...SUCCESS, messageId: 5 }), ["/messageId must be string"]],
    [
      "a bad dateAdded",
      JSON.stringify({ ...SUCCESS, dateAdded: "yesterday" }),
      ['/dateAdded must match format "date-time"'],
    ],
    [
      "success: false",
      JSON.stringify({ ...SUCCESS, success: false }),
      ["/success must be equal to constant"],
    ],
  ])("refuses %s", (_name, text, issues) => {
    const check = checkAddMessageResponse(text);
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.issues).toEqual(issues);
  });

  it("accepts the documented body, extra fields included", () => {
    const body = { ...SUCCESS, emailMessageId: "<a@b>", traceId: "t-1" };
    expect(checkAddMessageResponse(JSON.stringify(body))).toEqual({ ok: true, data: body });
  });
});
