import type { components, operations } from "./generated/schema.js";

export {
  API_VERSION,
  CALL_STATUSES,
  INBOUND_MESSAGE_TYPES,
  jsonSchemas,
  MESSAGE_DIRECTIONS,
  OPERATION,
} from "./generated/constants.js";
export type { components, operations, paths } from "./generated/schema.js";

type Schemas = components["schemas"];

/** The request body: every field, with `conversationId` or `contactId` required. */
export type InboundMessageRequest = Schemas["InboundMessageRequest"];
/** The success body of a 200 (or a 201 that carries it). */
export type InboundMessageResponse = Schemas["InboundMessageResponse"];
export type InboundMessageType = Schemas["InboundMessageType"];
export type CallStatus = Schemas["CallStatus"];
export type CallData = Schemas["CallData"];
export type MessageDirection = Schemas["MessageDirection"];
export type BadRequestResponse = Schemas["BadRequestResponse"];
export type UnauthorizedResponse = Schemas["UnauthorizedResponse"];
/** The body HighLevel sends with a 429 or a 500. */
export type ErrorResponse = Schemas["ErrorResponse"];
/** `Version` header values accepted by the operation. */
export type ApiVersion = operations["add-an-inbound-message"]["parameters"]["header"]["Version"];
