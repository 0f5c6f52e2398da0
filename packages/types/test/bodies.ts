/**
 * One table of request bodies, checked twice: at run time against the spec's JSON Schema
 * (request-schema.test.ts) and at compile time against InboundMessageRequest (this file is in
 * `pnpm typecheck`). Each invalid body sits on one line under its `@ts-expect-error`, so tsc
 * fails if the generated type ever starts to accept it. Rows the type system cannot express
 * (a string that is not a date-time, an empty id) are marked `typeLevel: false`.
 */
import { HIGHLEVEL_BODIES, type HighLevelBodyName } from "@ghl-inbound/test-support/highlevel-bodies";
import type { InboundMessageRequest } from "../src/index.js";

export interface BodyRow {
  name: string;
  body: unknown;
  /** The field a validator should blame (an instance path such as "/call/status", or "" for the body). */
  field?: string;
  typeLevel: boolean;
}

const valid = (name: string, body: InboundMessageRequest): BodyRow => ({ name, body, typeLevel: true });
const invalid = (name: string, field: string, body: InboundMessageRequest): BodyRow => ({
  name,
  field,
  body,
  typeLevel: true,
});
const invalidAtRunTimeOnly = (name: string, field: string, body: InboundMessageRequest): BodyRow => ({
  name,
  field,
  body,
  typeLevel: false,
});

const provider = "61d6d1f9cdac7612faf80753";
const conversationId = "ve9EPM428h8vShlRW1KT";
const contactId = "ve9EPM428h8vShlRW1KT";

export const validBodies: BodyRow[] = [
  valid("SMS by conversationId", { type: "SMS", conversationId, conversationProviderId: provider, message: "Hi" }),
  valid("Email with every field", {
    type: "Email",
    attachments: ["https://example.com/a.pdf", "https://example.com/b.png"],
    message: "Plain body",
    conversationId,
    contactId,
    conversationProviderId: provider,
    html: "<p>Hi</p>",
    subject: "Re: quote",
    emailFrom: "sender@company.com",
    emailTo: "support@company.com",
    emailCc: ["john1@doe.com", "john2@doe.com"],
    emailBcc: ["john3@doe.com"],
    emailMessageId: "<CAF=abc@mail.gmail.com>",
    altId: "61d6d1f9cdac7612faf80753",
    direction: "inbound",
    date: "2024-07-29T15:51:28.071Z",
  }),
  valid("WhatsApp by contactId", { type: "WhatsApp", contactId, conversationProviderId: provider, message: "Hola" }),
  valid("GMB", { type: "GMB", contactId, conversationProviderId: provider, message: "Review reply" }),
  valid("IG", { type: "IG", contactId, conversationProviderId: provider, message: "DM" }),
  valid("FB", { type: "FB", conversationId, conversationProviderId: provider, message: "Messenger" }),
  valid("Custom with attachments", {
    type: "Custom",
    contactId,
    conversationProviderId: provider,
    attachments: ["https://example.com/x.jpg"],
  }),
  valid("WebChat", { type: "WebChat", contactId, conversationProviderId: provider, message: "Chat" }),
  valid("Live_Chat outbound", {
    type: "Live_Chat",
    contactId,
    conversationProviderId: provider,
    message: "Agent reply",
    direction: "outbound",
  }),
  ...(["pending", "completed", "answered", "busy", "no-answer", "failed", "canceled", "voicemail"] as const).map(
    (status) =>
      valid(`Call ${status}`, {
        type: "Call",
        contactId,
        conversationProviderId: provider,
        call: { to: "+15037081210", from: "+15037081210", status },
      }),
  ),
  valid("Call with no call object", { type: "Call", contactId, conversationProviderId: provider }),
  valid("Call with an empty call object", { type: "Call", contactId, conversationProviderId: provider, call: {} }),
  // HighLevel's provider guide: "Use type SMS/Email. conversationProviderId is not required" (default providers).
  valid("SMS on the default provider, without a provider id (provider guide)", {
    type: "SMS",
    conversationId,
    message: "Hi, is my order on its way?",
  }),
  valid("Email on the default provider, without a provider id (provider guide)", {
    type: "Email",
    contactId,
    subject: "Re: your quote",
    html: "<p>Thanks</p>",
    emailMessageId: "rnGyqh2F6uBrIkfhFo9A",
  }),
  ...(["RCS", "IVR_Call", "Campaign_Call", "Campaign_VoiceMail", "TIKTOK", "ALL_IN_ONE_CHAT", "FORM_SUBMISSION"] as const).map(
    (type) => valid(`${type} (HighLevel's file, not the doc page)`, { type, contactId, conversationProviderId: provider, message: "Hi" }),
  ),
  valid("conversationId only", { type: "SMS", conversationId, conversationProviderId: provider }),
  valid("contactId only", { type: "SMS", contactId, conversationProviderId: provider }),
  valid("both ids", { type: "SMS", conversationId, contactId, conversationProviderId: provider }),
  valid("date with an offset", {
    type: "SMS",
    contactId,
    conversationProviderId: provider,
    date: "2024-07-29T17:51:28+02:00",
  }),
  valid("empty cc", { type: "Email", contactId, conversationProviderId: provider, emailCc: [] }),
  // HighLevel's issue tracker: added without a provider id (#49, #50 WhatsApp; #36, #271, #325 Live_Chat).
  ...(["WhatsApp", "Live_Chat", "GMB", "RCS", "TIKTOK"] as const).map((type) =>
    valid(`${type} without a provider id (a native channel)`, { type, contactId, message: "Hi" }),
  ),
];

export const invalidBodies: BodyRow[] = [
  // @ts-expect-error type is required
  invalid("missing type", "", { contactId, conversationProviderId: provider }),
  // @ts-expect-error SMSS is not a message type
  invalid("unknown type", "/type", { type: "SMSS", contactId, conversationProviderId: provider }),
  // @ts-expect-error enum values are case-sensitive
  invalid("wrongly-cased type", "/type", { type: "sms", contactId, conversationProviderId: provider }),
  // @ts-expect-error a Custom provider needs its id (provider guide; without it HighLevel answers an empty 201, issue #70)
  invalid("Custom without conversationProviderId", "", { type: "Custom", contactId, message: "Hi" }),
  // @ts-expect-error a Call provider needs its id (provider guide)
  invalid("Call without conversationProviderId", "", { type: "Call", contactId, call: { status: "completed" } }),
  // @ts-expect-error a Custom provider needs its id, whichever id addresses the message
  invalid("Custom by conversationId without conversationProviderId", "", { type: "Custom", conversationId, message: "Hola" }),
  invalidAtRunTimeOnly("empty conversationProviderId on SMS", "/conversationProviderId", { type: "SMS", contactId, conversationProviderId: "" }),
  // @ts-expect-error conversationId or contactId is required
  invalid("neither id", "", { type: "SMS", conversationProviderId: provider, message: "Hi" }),
  // @ts-expect-error ids are strings
  invalid("numeric contactId", "/contactId", { type: "SMS", contactId: 42, conversationProviderId: provider }),
  // @ts-expect-error ids are strings
  invalid("null conversationId", "/conversationId", { type: "SMS", conversationId: null, conversationProviderId: provider }),
  // @ts-expect-error ids are strings
  invalid("numeric conversationProviderId", "/conversationProviderId", { type: "SMS", contactId, conversationProviderId: 7 }),
  // @ts-expect-error call.status has 8 values
  invalid("wrong call status", "/call/status", { type: "Call", contactId, conversationProviderId: provider, call: { status: "ringing" } }),
  // @ts-expect-error call.status is lower-case
  invalid("wrongly-cased call status", "/call/status", { type: "Call", contactId, conversationProviderId: provider, call: { status: "Completed" } }),
  // @ts-expect-error call has only to, from and status
  invalid("unknown call field", "/call", { type: "Call", contactId, conversationProviderId: provider, call: { to: "+1", duration: 30 } }),
  // @ts-expect-error call is an object
  invalid("call as a string", "/call", { type: "Call", contactId, conversationProviderId: provider, call: "completed" }),
  // @ts-expect-error emailCc is a list
  invalid("emailCc as a string", "/emailCc", { type: "Email", contactId, conversationProviderId: provider, emailCc: "a@b.c" }),
  // @ts-expect-error emailBcc holds strings
  invalid("emailBcc with a number", "/emailBcc/0", { type: "Email", contactId, conversationProviderId: provider, emailBcc: [1] }),
  // @ts-expect-error attachments are strings
  invalid("non-string attachments", "/attachments/0", { type: "SMS", contactId, conversationProviderId: provider, attachments: [{ url: "x" }] }),
  // @ts-expect-error attachments is a list
  invalid("attachments as a string", "/attachments", { type: "SMS", contactId, conversationProviderId: provider, attachments: "x" }),
  // @ts-expect-error direction is inbound or outbound
  invalid("bad direction", "/direction", { type: "SMS", contactId, conversationProviderId: provider, direction: "sideways" }),
  // @ts-expect-error the doc page's array example is not a direction
  invalid("direction as the page's array", "/direction", { type: "SMS", contactId, conversationProviderId: provider, direction: ["outbound", "inbound"] }),
  // @ts-expect-error message is a string
  invalid("numeric message", "/message", { type: "SMS", contactId, conversationProviderId: provider, message: 5 }),
  // @ts-expect-error contactID is a typo of contactId
  invalid("unknown top-level field", "", { type: "SMS", contactId, conversationProviderId: provider, contactID: "x" }),
  invalidAtRunTimeOnly("date that is not a date-time", "/date", { type: "SMS", contactId, conversationProviderId: provider, date: "29/07/2024" }),
  invalidAtRunTimeOnly("date without a time", "/date", { type: "SMS", contactId, conversationProviderId: provider, date: "2024-07-29" }),
  invalidAtRunTimeOnly("empty contactId", "/contactId", { type: "SMS", contactId: "", conversationProviderId: provider }),
  // HighLevel answers 422 "attachments must contain at least 1 elements" (ghl-marketplace-app-template#11).
  invalidAtRunTimeOnly("empty attachments", "/attachments", { type: "SMS", contactId, attachments: [] }),
  invalidAtRunTimeOnly("an attachment that is not a URL", "/attachments/0", { type: "SMS", contactId, attachments: ["quote.pdf"] }),
];

/** Readonly arrays of the shared table (it is `as const`) as the mutable arrays the request type has. */
type Mutable<T> = T extends readonly (infer Item)[] ? Mutable<Item>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
const highLevelRow = <Name extends HighLevelBodyName>(name: Name) => HIGHLEVEL_BODIES[name].body as Mutable<(typeof HIGHLEVEL_BODIES)[Name]["body"]>;
const typed = <Body extends InboundMessageRequest>(body: Body): Body => body;

/**
 * The rows of test-support's HIGHLEVEL_BODIES (bodies from HighLevel's tracker and guide), each as
 * InboundMessageRequest takes it: the rows it refuses sit under `@ts-expect-error`, so tsc fails if
 * the type ever takes them; highlevel-bodies.test.ts checks that exactly the table's 422 rows the type
 * can express are marked so.
 */
export const highLevelBodiesAsTyped: Record<HighLevelBodyName, unknown> = {
  "SMS with contactId only": typed(highLevelRow("SMS with contactId only")),
  "SMS by conversationId (the doc page's example)": typed(highLevelRow("SMS by conversationId (the doc page's example)")),
  "both ids, as apps/v3/conversations-v3.json requires": typed(highLevelRow("both ids, as apps/v3/conversations-v3.json requires")),
  "WhatsApp without a provider id": typed(highLevelRow("WhatsApp without a provider id")),
  "Live_Chat without a provider id": typed(highLevelRow("Live_Chat without a provider id")),
  "FB without a provider id (a native channel)": typed(highLevelRow("FB without a provider id (a native channel)")),
  "Email on the default email provider": typed(highLevelRow("Email on the default email provider")),
  "Email with an extra provider's id": typed(highLevelRow("Email with an extra provider's id")),
  "Custom with its provider id": typed(highLevelRow("Custom with its provider id")),
  // @ts-expect-error a Custom provider's message needs its conversationProviderId
  "Custom without a provider id": typed(highLevelRow("Custom without a provider id")),
  "Call with its provider id": typed(highLevelRow("Call with its provider id")),
  // @ts-expect-error a Call provider's message needs its conversationProviderId
  "Call without a provider id": typed(highLevelRow("Call without a provider id")),
  // The type cannot say "at least one item": refused at run time only.
  "an empty attachments list": typed(highLevelRow("an empty attachments list")),
  // @ts-expect-error "Text" is not one of HighLevel's 17 types
  "an unknown type": typed(highLevelRow("an unknown type")),
  // @ts-expect-error conversationId or contactId is required
  "neither conversationId nor contactId": typed(highLevelRow("neither conversationId nor contactId")),
};
