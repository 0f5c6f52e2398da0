import type { components, operations } from "./generated/schema.js";

export {
  API_VERSION,
  API_VERSIONS,
  CALL_STATUSES,
  INBOUND_MESSAGE_TYPES,
  jsonSchemas,
  MESSAGE_DIRECTIONS,
  OPERATION,
  PROVIDER_OPTIONAL_MESSAGE_TYPES,
  PROVIDER_REQUIRED_MESSAGE_TYPES,
} from "./generated/constants.js";
export type { components, operations, paths } from "./generated/schema.js";

type Schemas = components["schemas"];

/**
 * The request body: every field, with `conversationId` or `contactId` required, and
 * `conversationProviderId` required when `type` is `Custom` or `Call`.
 */
export type InboundMessageRequest = Schemas["InboundMessageRequest"];
/** The success body of a 200 (or a 201 that carries it). */
export type InboundMessageResponse = Schemas["InboundMessageResponse"];
export type InboundMessageType = Schemas["InboundMessageType"];
export type CallStatus = Schemas["CallStatus"];
export type CallData = Schemas["CallData"];
export type MessageDirection = Schemas["MessageDirection"];
export type BadRequestResponse = Schemas["BadRequestResponse"];
export type UnauthorizedResponse = Schemas["UnauthorizedResponse"];
/** The body of a 403 (HighLevel's ForbiddenDTO). */
export type ForbiddenResponse = Schemas["ForbiddenResponse"];
/** The body of a 404 (HighLevel's NotFoundDTO). */
export type NotFoundResponse = Schemas["NotFoundResponse"];
/** The body of a 422: `message` is a list of problems (or one string). */
export type UnprocessableEntityResponse = Schemas["UnprocessableEntityResponse"];
/** One problem the mock names in its own 400 and 422 bodies. */
export type RequestViolation = Schemas["RequestViolation"];
/** The message types that need `conversationProviderId` (Custom and Call providers). */
export type ProviderRequiredMessageType = Schemas["ProviderRequiredMessageType"];
/** The message types that may leave out `conversationProviderId`. */
export type ProviderOptionalMessageType = Schemas["ProviderOptionalMessageType"];
/** The body HighLevel sends with a 429 or a 500. */
export type ErrorResponse = Schemas["ErrorResponse"];
/** `Version` header values the spec accepts (`API_VERSION` is the one sent). */
export type ApiVersion = operations["add-an-inbound-message"]["parameters"]["header"]["Version"];
