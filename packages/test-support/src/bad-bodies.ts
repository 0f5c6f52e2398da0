/**
 * Bodies the spec forbids: one table for every suite that refuses them. The contract tests send
 * them raw to the mock (rejections.test.ts) and hand them to the client against the mock
 * (client-vs-mock.test.ts); the client's own suite checks them without a mock (validation.test.ts).
 * A new rule of the spec is a new row here, and every one of those suites checks it.
 */

/** A body the spec allows; each row breaks it in one way. */
export const ALLOWED_BODY = {
  type: "SMS",
  contactId: "ve9EPM428h8vShlRW1KT",
  conversationProviderId: "61d6d1f9cdac7612faf80753",
  message: "Hi",
};

const ok = ALLOWED_BODY;
const { contactId: _contactId, ...withoutIds } = ok;
const { type: _type, ...withoutType } = ok;
const { conversationProviderId: _provider, ...withoutProvider } = ok;

export interface BadBodyRow {
  /** A value is sent as JSON; a string is sent as is (raw JSON text, or nothing when empty). */
  body: unknown;
  /**
   * The mock's answer: 422, with a `message` list whose text contains each of these words (the field
   * or problem, in the words of the client's summary: "attachments must contain at least 1 elements").
   */
  names: string[];
  /**
   * The JSON pointers the client's ValidationError must list among its issues ("" is the body
   * itself: its type, or a rule over several fields such as "conversationId or contactId").
   */
  pointers: string[];
}

export const BAD_BODIES: [string, BadBodyRow][] = [
  ["no type", { body: withoutType, names: ["type should not be empty"], pointers: ["/type"] }],
  [
    "an unknown type",
    {
      body: { ...ok, type: "SMSS" },
      names: ["type must be one of the following values"],
      pointers: ["/type"],
    },
  ],
  ["a lower-case type", { body: { ...ok, type: "sms" }, names: ["type"], pointers: ["/type"] }],
  ["a numeric type", { body: { ...ok, type: 1 }, names: ["type"], pointers: ["/type"] }],
  // HighLevel's provider guide: Custom and Call providers need their id; every other type may leave it out.
  ...(["Custom", "Call"] as const).map((type): [string, BadBodyRow] => [
    `a ${type} message without conversationProviderId`,
    {
      body: { ...withoutProvider, type },
      names: [`conversationProviderId should not be empty when type is ${type}`],
      pointers: ["/conversationProviderId"],
    },
  ]),
  [
    "an empty conversationProviderId",
    {
      body: { ...ok, conversationProviderId: "" },
      names: ["conversationProviderId"],
      pointers: ["/conversationProviderId"],
    },
  ],
  [
    "a numeric conversationProviderId",
    {
      body: { ...ok, conversationProviderId: 7 },
      names: ["conversationProviderId"],
      pointers: ["/conversationProviderId"],
    },
  ],
  [
    "neither conversationId nor contactId",
    { body: withoutIds, names: ["conversationId", "contactId"], pointers: [""] },
  ],
  [
    "an empty conversationId as the only id",
    { body: { ...withoutIds, conversationId: "" }, names: ["conversationId"], pointers: ["/conversationId"] },
  ],
  ["an empty contactId", { body: { ...ok, contactId: "" }, names: ["contactId"], pointers: ["/contactId"] }],
  ["a numeric contactId", { body: { ...ok, contactId: 42 }, names: ["contactId"], pointers: ["/contactId"] }],
  [
    "a null conversationId",
    { body: { ...ok, conversationId: null }, names: ["conversationId"], pointers: ["/conversationId"] },
  ],
  [
    "an unknown field (contactID)",
    { body: { ...ok, contactID: "x" }, names: ["contactID"], pointers: ["/contactID"] },
  ],
  [
    "a call status outside the enum",
    {
      body: { ...ok, type: "Call", call: { status: "ringing" } },
      names: ["call.status"],
      pointers: ["/call/status"],
    },
  ],
  [
    "an unknown call field",
    {
      body: { ...ok, type: "Call", call: { to: "+1", duration: 30 } },
      names: ["duration"],
      pointers: ["/call/duration"],
    },
  ],
  [
    "call as a string",
    { body: { ...ok, type: "Call", call: "completed" }, names: ["call"], pointers: ["/call"] },
  ],
  [
    "emailCc as a string",
    { body: { ...ok, type: "Email", emailCc: "a@b.c" }, names: ["emailCc"], pointers: ["/emailCc"] },
  ],
  [
    "a number in emailBcc",
    { body: { ...ok, type: "Email", emailBcc: [1] }, names: ["emailBcc"], pointers: ["/emailBcc/0"] },
  ],
  [
    "attachments as a string",
    { body: { ...ok, attachments: "x" }, names: ["attachments"], pointers: ["/attachments"] },
  ],
  [
    "objects in attachments",
    { body: { ...ok, attachments: [{ url: "x" }] }, names: ["attachments"], pointers: ["/attachments/0"] },
  ],
  // HighLevel's own 422 (GoHighLevel/ghl-marketplace-app-template#11).
  [
    "an empty attachments list",
    {
      body: { ...ok, attachments: [] },
      names: ["attachments must contain at least 1 elements"],
      pointers: ["/attachments"],
    },
  ],
  [
    "an attachment that is not a URL",
    {
      body: { ...ok, attachments: ["quote.pdf"] },
      names: ["each value in attachments must be a URL address"],
      pointers: ["/attachments/0"],
    },
  ],
  [
    "a direction outside the enum",
    { body: { ...ok, direction: "sideways" }, names: ["direction"], pointers: ["/direction"] },
  ],
  [
    "the doc page's array direction",
    { body: { ...ok, direction: ["outbound", "inbound"] }, names: ["direction"], pointers: ["/direction"] },
  ],
  ["a numeric message", { body: { ...ok, message: 5 }, names: ["message"], pointers: ["/message"] }],
  ["a numeric html", { body: { ...ok, html: 5 }, names: ["html"], pointers: ["/html"] }],
  [
    "a date that is not a date-time",
    {
      body: { ...ok, date: "29/07/2024" },
      names: ["date must be a valid ISO 8601 date string"],
      pointers: ["/date"],
    },
  ],
  ["a date without a time", { body: { ...ok, date: "2024-07-29" }, names: ["date"], pointers: ["/date"] }],
  [
    "an empty object",
    { body: {}, names: ["type should not be empty", "conversationId or contactId"], pointers: ["/type", ""] },
  ],
  ["an array", { body: [ok], names: ["object"], pointers: [""] }],
  ["a JSON string", { body: '"hello"', names: ["object"], pointers: [""] }],
  ["a JSON number", { body: "42", names: ["object"], pointers: [""] }],
  ["JSON null", { body: "null", names: ["body must be an object"], pointers: [""] }],
  ["no body at all", { body: "", names: ["body must be an object"], pointers: [""] }],
];

/** The value a row's body stands for, as a JavaScript caller would hand it over (`undefined`: no body). */
export function bodyValueOf(body: BadBodyRow["body"]): unknown {
  if (typeof body !== "string") return body;
  return body === "" ? undefined : JSON.parse(body);
}
