import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { PrismAnswer, PrismFailure } from "./prism.js";
import type { Quirk } from "./quirks.js";
import { isAboutBody, type Violation, violationsFromPrism, violationsOfEmbeddedSpec } from "./violations.js";

/** What the server writes back: a status, headers and a serialised body (if any). */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  /** One line for the request log: what was wrong, never a header value. */
  problem?: string;
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8" };

/**
 * The mock's own errors use the shape of the spec's error bodies (`statusCode`, `message`,
 * `error`; BadRequestResponse and UnauthorizedResponse allow more fields), so a client reads
 * them the way it reads HighLevel's.
 */
export function errorAnswer(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpAnswer {
  const body = { statusCode: status, message, error: STATUS_CODES[status] ?? "Error", ...extra };
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body), problem: message };
}

export interface RequestFacts {
  /** The Authorization header as sent; only its presence and scheme are ever reported. */
  authorization: string | undefined;
  /** The body was sent but not as JSON (no or another Content-Type). */
  hasNonJsonBody: boolean;
  contentType: string | undefined;
  /** The parsed body, for naming what is wrong with it. */
  body?: unknown;
  /** The Version header as sent. */
  version?: string | undefined;
  /** The spec is the one shipped in this package: its body is judged by the client's own checker. */
  isEmbeddedSpec: boolean;
}

/**
 * Prism answers an invalid request with the spec's own 400 or 401 example ("Bad Request"),
 * which names nothing. Here those answers keep their status and shape but say what was wrong.
 */
export function answerFromPrism(outcome: PrismAnswer | PrismFailure, request: RequestFacts): HttpAnswer {
  if (outcome.kind === "failure") {
    return errorAnswer(
      outcome.status,
      outcome.detail,
      { title: outcome.title },
      withoutHeader(outcome.headers, "content-type"),
    );
  }
  if (outcome.isUnauthorized) {
    return errorAnswer(
      401,
      describeAuthorizationProblem(request.authorization),
      {},
      { "WWW-Authenticate": "Bearer" },
    );
  }
  const { headers: headerViolations, body: bodyViolations } = request.isEmbeddedSpec
    ? violationsOfEmbeddedSpec(outcome.requestDiagnostics, { body: request.body, version: request.version })
    : splitByPlace(violationsFromPrism(outcome.requestDiagnostics));
  // Prism's own media-type diagnostic ("Supported content types: ...") does not name the header,
  // and a body that was not read as JSON was judged as a string ("must be object"): neither helps.
  if (request.hasNonJsonBody) {
    const named = [
      contentTypeViolation(request.contentType),
      ...headerViolations.filter((violation) => violation.code !== "415"),
    ];
    return errorAnswer(400, joined(named), { violations: named });
  }
  // HighLevel answers 400 for what it checks past the schema (a header, a provider id) ...
  if (headerViolations.length > 0) {
    const named = [...headerViolations, ...bodyViolations];
    return errorAnswer(400, joined(named), { violations: named });
  }
  // ... and 422 with a list of messages for a body that breaks the schema (template#11).
  if (bodyViolations.length > 0) {
    if (request.isEmbeddedSpec) return unprocessableAnswer(bodyViolations);
    const status = Math.max(outcome.status, 400);
    return errorAnswer(status, joined(bodyViolations), { violations: bodyViolations });
  }
  const hasBody = outcome.body !== undefined && outcome.body !== null && outcome.body !== "";
  const headers = withoutHeader(outcome.headers, "content-type");
  return {
    status: outcome.status,
    headers: hasBody ? { ...JSON_HEADERS, ...headers } : headers,
    body: hasBody
      ? typeof outcome.body === "string"
        ? outcome.body
        : JSON.stringify(outcome.body)
      : undefined,
  };
}

export function answerFromQuirk(name: string, quirk: Quirk): HttpAnswer {
  const headers = { "X-Mock-Quirk": `${name} (${quirk.issue})` };
  if (quirk.body === undefined) return { status: quirk.status, headers, body: undefined };
  return { status: quirk.status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(quirk.body) };
}

function describeAuthorizationProblem(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === "") {
    return "Missing bearer token: send the header Authorization: Bearer <token>";
  }
  const [scheme, token] = authorization.trim().split(/\s+/, 2);
  // A lone word may be the token itself: it is never echoed, only a scheme-like first word is.
  if (token === undefined) {
    return scheme === "Bearer"
      ? "Authorization header has no token after Bearer"
      : "Authorization header has no scheme; send Authorization: Bearer <token>";
  }
  if (scheme !== "Bearer") {
    const named = /^[A-Za-z][A-Za-z-]{0,19}$/.test(scheme!) ? `the scheme "${scheme}"` : "another scheme";
    return `Authorization header uses ${named}; send Authorization: Bearer <token>`;
  }
  return "Authorization header is not a valid bearer token";
}

/**
 * A body that breaks the schema, answered as HighLevel's validation layer does: `message` lists one
 * readable string per problem, with `error` and a `traceId`; `violations` adds where each one is.
 */
function unprocessableAnswer(violations: Violation[]): HttpAnswer {
  const body = {
    statusCode: 422,
    message: violations.map((violation) => violation.message),
    error: "Unprocessable Entity",
    traceId: randomUUID(),
    violations,
  };
  return { status: 422, headers: JSON_HEADERS, body: JSON.stringify(body), problem: joined(violations) };
}

const joined = (violations: readonly Violation[]): string =>
  violations.map((violation) => violation.message).join("; ");

function splitByPlace(violations: Violation[]): { headers: Violation[]; body: Violation[] } {
  return {
    headers: violations.filter((violation) => !isAboutBody(violation)),
    body: violations.filter(isAboutBody),
  };
}

function contentTypeViolation(contentType: string | undefined): Violation {
  return {
    location: "header.content-type",
    code: "mediaType",
    message:
      contentType === undefined
        ? "Request header content-type is missing, so the body was not read as JSON; send Content-Type: application/json"
        : `Request header content-type is ${contentType}, so the body was not read as JSON; send Content-Type: application/json`,
  };
}

/** Prism spells it `Content-type`; ours must not be sent beside it. */
function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}
