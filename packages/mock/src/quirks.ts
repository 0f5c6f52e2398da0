/**
 * Answers the real endpoint was seen to give that the spec does not declare, each named by the
 * GoHighLevel/highlevel-api-docs issue that reported it. A frontend asks for one with
 * `Prefer: quirk=<name>` to check that it does not mistake it for success (or for a 401).
 */
export interface Quirk {
  /** Where the behaviour was reported. */
  issue: string;
  description: string;
  status: number;
  /** The body as the real endpoint sent it; `undefined` when it sent none. */
  body: { statusCode: number; message: string } | undefined;
}

export const QUIRKS = {
  "201-no-body": {
    issue: "GoHighLevel/highlevel-api-docs#70",
    description: "201 with no body: a Custom message sent without conversationProviderId was not added.",
    status: 201,
    body: undefined,
  },
  "500-bad-token": {
    issue: "GoHighLevel/highlevel-api-docs#6",
    description: "500 instead of 401 for an invalid token (and instead of 400 for a wrong provider id).",
    status: 500,
    body: { statusCode: 500, message: "Internal server error" },
  },
} as const satisfies Record<string, Quirk>;

export type QuirkName = keyof typeof QUIRKS;

export const QUIRK_NAMES = Object.keys(QUIRKS) as readonly QuirkName[];
