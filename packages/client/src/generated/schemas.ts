/**
 * This file was generated from spec/openapi.yaml (through jsonSchemas of @ghl-inbound/types) by
 * packages/client/scripts/generate-schemas.mjs. Do not edit it by hand: run `pnpm generate`.
 * src/json-schema.ts checks values against it; `satisfies JsonSchema` turns a keyword it does not
 * know into a compile error.
 */
import type { JsonSchema } from "../json-schema.js";

/** First at inboundMessageRequest/anyOf/0/allOf/0/properties/attachments/items. */
const string = { "type": "string" } satisfies JsonSchema;
/** First at inboundMessageRequest/anyOf/0/allOf/0/properties/attachments. */
const stringArray = { "type": "array", items: string } satisfies JsonSchema;
/** First at inboundMessageRequest/anyOf/0/allOf/0/properties/conversationId. */
const nonEmptyString = { "type": "string", "minLength": 1 } satisfies JsonSchema;
/** First at inboundMessageRequest/anyOf/0/allOf/0/properties/date. */
const dateTime = { "type": "string", "format": "date-time" } satisfies JsonSchema;
/** First at inboundMessageRequest/anyOf/0/allOf/0. */
const allOf0 = { "type": "object", "required": ["type","conversationProviderId"], "additionalProperties": false, properties: { "type": { "type": "string", "enum": ["SMS","Email","WhatsApp","GMB","IG","FB","Custom","WebChat","Live_Chat","Call"] }, "attachments": stringArray, "message": string, "conversationId": nonEmptyString, "contactId": nonEmptyString, "conversationProviderId": nonEmptyString, "html": string, "subject": string, "emailFrom": string, "emailTo": string, "emailCc": stringArray, "emailBcc": stringArray, "emailMessageId": string, "altId": string, "direction": { "type": "string", "enum": ["inbound","outbound"] }, "date": dateTime, "call": { "type": "object", "additionalProperties": false, properties: { "to": string, "from": string, "status": { "type": "string", "enum": ["pending","completed","answered","busy","no-answer","failed","canceled","voicemail"] } } } } } satisfies JsonSchema;

export const inboundMessageRequest = { anyOf: [{ allOf: [allOf0, { "type": "object", "required": ["conversationId"], properties: { "conversationId": nonEmptyString } }] }, { allOf: [allOf0, { "type": "object", "required": ["contactId"], properties: { "contactId": nonEmptyString } }] }] } satisfies JsonSchema;
export const inboundMessageResponse = { "type": "object", "required": ["success","conversationId","messageId","message"], properties: { "success": { "type": "boolean", "const": true }, "conversationId": string, "messageId": string, "message": string, "contactId": string, "dateAdded": dateTime, "emailMessageId": string } } satisfies JsonSchema;
