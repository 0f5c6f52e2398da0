import { STATUS_CODES } from "node:http";
import type { PrismAnswer, PrismFailure } from "./prism.js";
import type { Quirk } from "./quirks.js";
import { summarizeViolations, type Violation } from "./violations.js";

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
  const violations = summarizeViolations(outcome.requestDiagnostics, {
    schema: outcome.bodySchema,
    body: request.body,
  });
  if (violations.length > 0 && outcome.status >= 400) {
    // Prism answers a refused request with 422 once the spec declares one. HighLevel answers 422 for
    // its own validation (with a list of messages) and 400 for a refused value; the mock keeps its
    // documented 400, whose `violations` name each field, and 422 stays for `Prefer: code=422`.
    const status = outcome.status === 422 ? 400 : outcome.status;
    // Prism's own media-type diagnostic ("Supported content types: ...") does not name the header,
    // and a body that was not read as JSON was judged as a string ("must be object"): neither helps.
    const named = request.hasNonJsonBody
      ? [
          contentTypeViolation(request.contentType),
          ...violations.filter((violation) => violation.code !== "415" && !isAboutBody(violation)),
        ]
      : violations;
    return errorAnswer(status, named.map((violation) => violation.message).join("; "), {
      violations: named,
    });
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

const isAboutBody = (violation: Violation): boolean =>
  violation.location === "body" || violation.location.startsWith("body.");

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
