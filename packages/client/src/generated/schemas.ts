/**
 * This file was generated from spec/openapi.yaml (through jsonSchemas of @ghl-inbound/types) by
 * packages/client/scripts/generate-schemas.mjs. Do not edit it by hand: run `pnpm generate`.
 * src/json-schema.ts checks values against it; typed JsonSchema, a keyword it does not know is a
 * compile error.
 */
import type { JsonSchema } from "../json-schema.js";

/** First at inboundMessageRequest/allOf/0/properties/message. */
const string: JsonSchema = { "type": "string" };
/** First at inboundMessageRequest/allOf/0/properties/conversationId. */
const nonEmptyString: JsonSchema = { "type": "string", "minLength": 1 };
/** First at inboundMessageRequest/allOf/0/properties/emailCc. */
const stringArray: JsonSchema = { "type": "array", items: string };
/** First at inboundMessageRequest/allOf/0/properties/date. */
const dateTime: JsonSchema = { "type": "string", "format": "date-time" };

export const inboundMessageRequest: JsonSchema = { allOf: [{ "type": "object", "required": ["type"], "additionalProperties": false, properties: { "type": { "type": "string", "enum": ["SMS","Email","WhatsApp","GMB","IG","FB","Custom","WebChat","Live_Chat","Call","RCS","IVR_Call","Campaign_Call","Campaign_VoiceMail","TIKTOK","ALL_IN_ONE_CHAT","FORM_SUBMISSION"] }, "attachments": { "type": "array", "minItems": 1, items: { "type": "string", "format": "uri" } }, "message": string, "conversationId": nonEmptyString, "contactId": nonEmptyString, "conversationProviderId": nonEmptyString, "html": string, "subject": string, "emailFrom": string, "emailTo": string, "emailCc": stringArray, "emailBcc": stringArray, "emailMessageId": string, "altId": string, "direction": { "type": "string", "enum": ["inbound","outbound"] }, "date": dateTime, "call": { "type": "object", "additionalProperties": false, properties: { "to": string, "from": string, "status": { "type": "string", "enum": ["pending","completed","answered","busy","no-answer","failed","canceled","voicemail"] } } } } }, { anyOf: [{ "type": "object", "required": ["conversationId"], properties: { "conversationId": nonEmptyString } }, { "type": "object", "required": ["contactId"], properties: { "contactId": nonEmptyString } }] }, { oneOf: [{ "type": "object", "required": ["type","conversationProviderId"], properties: { "type": { "type": "string", "enum": ["Custom","Call"] }, "conversationProviderId": nonEmptyString } }, { "type": "object", "required": ["type"], properties: { "type": { "type": "string", "enum": ["SMS","Email","WhatsApp","GMB","IG","FB","WebChat","Live_Chat","RCS","IVR_Call","Campaign_Call","Campaign_VoiceMail","TIKTOK","ALL_IN_ONE_CHAT","FORM_SUBMISSION"] } } }] }] };
export const inboundMessageResponse: JsonSchema = { "type": "object", "required": ["success","conversationId","messageId","message"], properties: { "success": { "type": "boolean", "const": true }, "conversationId": string, "messageId": string, "message": string, "contactId": string, "dateAdded": dateTime, "emailMessageId": string } };
