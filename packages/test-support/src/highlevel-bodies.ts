/**
 * Bodies taken from HighLevel's own sources (its issue trackers, its provider guide, its help article
 * and OpenAPI files), each with the status HighLevel gives it: one table for every part of ghl-inbound.
 * The spec (Ajv), the types (packages/types/test/highlevel-bodies.ts, rows under @ts-expect-error),
 * the client (sent, or refused with nothing sent), the mock and HighLevel's official SDK pointed at
 * the mock (packages/contract-tests/test/highlevel-bodies.test.ts) all check the same rows.
 * A new report from HighLevel's tracker is a new row here.
 */

const conversationId = "ve9EPM428h8vShlRW1KT";
const contactId = "rnGyqh2F6uBrIkfhFo9A";
const conversationProviderId = "61d6d1f9cdac7612faf80753";

export interface HighLevelBodyRow {
  /** Where the body comes from: an issue, the provider guide, the help article, an OpenAPI file. */
  source: string;
  body: Record<string, unknown>;
  /** The status HighLevel gives it, which the mock gives too: 200 (added) or 422 (refused by the schema). */
  status: 200 | 422;
  /**
   * A 422 that openapi-typescript's type cannot express (a list's minimum length, a string's format):
   * the body compiles, and is refused at run time only.
   */
  isRefusedAtRunTimeOnly?: boolean;
  /** Where the mock's status departs from what HighLevel was seen to answer, and why. */
  departure?: string;
}

export const HIGHLEVEL_BODIES = {
  "SMS with contactId only": {
    source:
      "HighLevel help article 155000007340 (modified 2026-02-09): a contact id alone is accepted, and a conversation is created if none exists",
    body: { type: "SMS", contactId, message: "Hi, is my order on its way?" },
    status: 200,
  },
  "SMS by conversationId (the doc page's example)": {
    source: "marketplace.gohighlevel.com doc page: Either conversationId or contactId is required",
    body: { type: "SMS", conversationId, message: "Hi, is my order on its way?", direction: "inbound" },
    status: 200,
  },
  "both ids, as apps/v3/conversations-v3.json requires": {
    source: "GoHighLevel/highlevel-api-docs apps/v3/conversations-v3.json at 0af86a4",
    body: { type: "SMS", conversationId, contactId, conversationProviderId, message: "Hi" },
    status: 200,
  },
  "WhatsApp without a provider id": {
    source:
      "GoHighLevel/highlevel-api-docs#49 and #50 (2025-06-24): added; only its attachment did not render",
    body: {
      type: "WhatsApp",
      contactId,
      message: "Hola",
      attachments: ["https://example.com/files/image.png"],
    },
    status: 200,
  },
  "Live_Chat without a provider id": {
    source: "GoHighLevel/highlevel-api-docs#36, #271 and #325 (2026-08-24): added on the default channels",
    body: { type: "Live_Chat", conversationId, message: "Agent reply", direction: "outbound" },
    status: 200,
  },
  "FB without a provider id (a native channel)": {
    source: "docs/marketplace modules/ConversationProviders.md (e7ac0c4): native channels have no provider",
    body: { type: "FB", contactId, message: "Messenger" },
    status: 200,
  },
  "Email on the default email provider": {
    source:
      "ConversationProviders.md (e7ac0c4): conversationProviderId is not required for the default email provider",
    body: {
      type: "Email",
      contactId,
      subject: "Re: your quote",
      html: "<p>Thanks, the quote looks good.</p>",
      emailFrom: "sender@company.com",
      emailTo: "support@company.com",
    },
    status: 200,
  },
  "Email with an extra provider's id": {
    source:
      "GoHighLevel/highlevel-api-docs#19: added, on the default email channel (extra email providers use type Custom)",
    body: { type: "Email", contactId, conversationProviderId, subject: "Hello", html: "<p>Hello</p>" },
    status: 200,
  },
  "Custom with its provider id": {
    source: "ConversationProviders.md (e7ac0c4): Custom providers send their conversationProviderId",
    body: { type: "Custom", conversationId, conversationProviderId, message: "Order 1042 shipped" },
    status: 200,
  },
  "Custom without a provider id": {
    source: "GoHighLevel/highlevel-api-docs#70: an empty 201, and the message was not added",
    body: { type: "Custom", contactId, message: "Order 1042 shipped" },
    status: 422,
    departure:
      "HighLevel answers an empty 201 and adds nothing; the spec requires the id for Custom, so the mock refuses it (and Prefer: quirk=201-no-body shows HighLevel's answer)",
  },
  "Call with its provider id": {
    source: "ConversationProviders.md (e7ac0c4) and #70: Call providers send their conversationProviderId",
    body: {
      type: "Call",
      contactId,
      conversationProviderId,
      call: { to: "+15037081210", from: "+15037081211", status: "completed" },
    },
    status: 200,
  },
  "Call without a provider id": {
    source: "ConversationProviders.md (e7ac0c4): a Call provider's id is required",
    body: {
      type: "Call",
      contactId,
      call: { to: "+15037081210", from: "+15037081211", status: "completed" },
    },
    status: 422,
    departure: "HighLevel's answer is not reported; its guide requires the id, so the mock refuses it",
  },
  "an empty attachments list": {
    source: "GoHighLevel/ghl-marketplace-app-template#11: 422 'attachments must contain at least 1 elements'",
    body: { type: "SMS", contactId, message: "Hi", attachments: [] },
    status: 422,
    isRefusedAtRunTimeOnly: true,
  },
  "an unknown type": {
    source:
      "ghl-marketplace-app-template#11: HighLevel's validation layer answers 422 for a value its schema refuses",
    body: { type: "Text", contactId, message: "Hi" },
    status: 422,
  },
  "neither conversationId nor contactId": {
    source: "doc page and help article 155000007340: one of the two ids is required",
    body: { type: "SMS", message: "Hi" },
    status: 422,
    departure: "HighLevel's answer is not reported; both of its files and its doc page require an id",
  },
} as const satisfies Record<string, HighLevelBodyRow>;

export type HighLevelBodyName = keyof typeof HIGHLEVEL_BODIES;

/** The rows as `[name, row]` pairs, for `it.each`. */
export const HIGHLEVEL_BODY_ROWS = Object.entries(HIGHLEVEL_BODIES) as [
  HighLevelBodyName,
  HighLevelBodyRow,
][];
