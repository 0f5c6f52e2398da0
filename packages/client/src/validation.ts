// Checks both ends of the exchange against the spec's own schemas (src/generated/schemas.ts, generated
// from spec/openapi.yaml): the body before it is sent, the answer before it is called a success.
// Nothing here is a hand-copied list of fields or enums.
import type { InboundMessageRequest, InboundMessageResponse } from "@ghl-inbound/types";
import { type RequestDescription, ValidationError, type ValidationIssue } from "./errors.js";
import { inboundMessageRequest, inboundMessageResponse } from "./generated/schemas.js";
import { findSchemaIssues, findSchemaProblems, type SchemaProblem } from "./json-schema.js";

/** `validateInboundMessage`'s answer: the body, typed, when the client would send it; else every issue. */
export type InboundMessageCheck =
  | { ok: true; message: InboundMessageRequest; issues: [] }
  | { ok: false; message?: undefined; issues: ValidationIssue[] };

/**
 * Checks `body` (untyped JSON, a CSV row...) as an InboundMessageRequest: `ok` narrows `message` to the
 * type, so no cast follows; otherwise `issues` has one entry per field at fault. Sends nothing: for tools
 * that check messages before a run, such as a dry run.
 */
export function validateInboundMessage(body: unknown): InboundMessageCheck {
  const issues = findSchemaIssues(inboundMessageRequest, body);
  // The schema just accepted it: the one place the type is given on the schema's word.
  return issues.length === 0
    ? { ok: true, message: body as InboundMessageRequest, issues: [] }
    : { ok: false, issues };
}

/**
 * validateInboundMessage(), each issue with the keyword that failed and one sentence naming its field
 * in class-validator's words, as HighLevel's 422 lists them ("attachments must contain at least 1
 * elements"). The mock answers its 422s with these, so client and mock say the same.
 */
export function describeInboundMessageProblems(body: unknown): SchemaProblem[] {
  return findSchemaProblems(inboundMessageRequest, body);
}

/** Throws a ValidationError naming every field at fault when `body` is not an InboundMessageRequest. */
export function checkMessageBody(
  body: unknown,
  request: RequestDescription,
): asserts body is InboundMessageRequest {
  const { issues } = validateInboundMessage(body);
  if (issues.length > 0) throw new ValidationError(request, issues);
}

export type ResponseCheck =
  | { ok: true; data: InboundMessageResponse }
  | { ok: false; body: unknown; issues: string[]; cause?: unknown };

/**
 * Whether the text of a 200/201 is the documented success body. HighLevel has answered 201 with an
 * empty body without adding the message (highlevel-api-docs#70), so "2xx" alone proves nothing.
 */
export function checkAddMessageResponse(text: string | undefined): ResponseCheck {
  if (text === undefined || text.trim() === "") return { ok: false, body: undefined, issues: ["empty body"] };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    return { ok: false, body: text, issues: ["body is not JSON"], cause };
  }
  const issues = findSchemaIssues(inboundMessageResponse, body);
  if (issues.length > 0) {
    return { ok: false, body, issues: issues.map((issue) => `${issue.path || "(body)"} ${issue.message}`) };
  }
  return { ok: true, data: body as InboundMessageResponse };
}
