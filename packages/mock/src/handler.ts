import type { IncomingMessage, ServerResponse } from "node:http";
import { answerFromPrism, answerFromQuirk, errorAnswer, type HttpAnswer } from "./answers.js";
import { type RequestBody, readRequestBody } from "./body.js";
import { corsHeaders, exposeHeaders, isPreflight, preflightHeaders } from "./cors.js";
import { withEchoedIds } from "./echo-ids.js";
import { parsePreferences } from "./preferences.js";
import type { PrismMock } from "./prism.js";
import { QUIRKS } from "./quirks.js";
import { withConsistentRateLimitHeaders } from "./rate-limit-headers.js";
import { type RequestLog, redactHeaders } from "./request-log.js";
import type { LoadedSpec } from "./spec.js";

export interface HandlerContext {
  spec: LoadedSpec;
  prism: PrismMock;
  /** The rendered API reference, when there is one for this spec. */
  docsHtml: string | undefined;
  logRequest: ((line: string) => void) | undefined;
  /** Every request and the status it got, for `mock.requests`. */
  requestLog: RequestLog;
}

/** An answer, and the body it answered (for the request log), when one was read. */
interface Answered {
  answer: HttpAnswer;
  requestBody?: unknown;
}

const NO_DOCS_MESSAGE =
  "The API reference is built for the spec shipped in @ghl-inbound/mock; this mock serves another spec: read it at /openapi.yaml";

/** Routes one request: CORS preflight, the docs and spec files, then the API through Prism. */
export function createRequestHandler(context: HandlerContext) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const receivedAt = new Date();
    const url = new URL(request.url ?? "/", "http://mock.invalid");
    let answered: Answered;
    try {
      answered = await answerRequest(request, url, context);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      answered = { answer: errorAnswer(500, `The mock failed to answer: ${reason}`) };
    }
    const { answer } = answered;
    // Recorded before answering: a test that has its response can already read its request.
    context.requestLog.add({
      method: request.method ?? "GET",
      path: request.url ?? "/",
      headers: redactHeaders(request.headers),
      body: answered.requestBody,
      receivedAt,
      status: answer.status,
    });
    const headers = { ...corsHeaders(request.headers), ...answer.headers };
    if (!("Access-Control-Allow-Methods" in headers))
      Object.assign(headers, exposeHeaders(Object.keys(answer.headers)));
    response.writeHead(answer.status, headers);
    response.end(request.method === "HEAD" ? undefined : answer.body);
    context.logRequest?.(
      `${request.method} ${url.pathname} -> ${answer.status}${answer.problem ? ` (${answer.problem})` : ""}`,
    );
  };
}

async function answerRequest(request: IncomingMessage, url: URL, context: HandlerContext): Promise<Answered> {
  if (isPreflight(request.method, request.headers)) {
    return { answer: { status: 204, headers: preflightHeaders(request.headers), body: undefined } };
  }
  if (request.method === "GET" || request.method === "HEAD") {
    const file = staticFile(url.pathname, context);
    if (file) return { answer: file };
  }

  const body = await readRequestBody(request);
  if (!body.ok) return { answer: errorAnswer(body.status, body.problem), requestBody: body.text };
  return { answer: await answerApiRequest(request, url, body, context), requestBody: body.value };
}

async function answerApiRequest(
  request: IncomingMessage,
  url: URL,
  body: Extract<RequestBody, { ok: true }>,
  context: HandlerContext,
): Promise<HttpAnswer> {
  const preferences = parsePreferences(headerValue(request.headers.prefer), url.searchParams);
  if (!preferences.ok) return errorAnswer(400, preferences.problem);
  const { quirk, ...prismPreferences } = preferences.preferences;
  if (quirk !== undefined) return answerFromQuirk(quirk, QUIRKS[quirk]);

  const prismOutcome = await context.prism.respond(
    {
      method: request.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: withCanonicalBearer(flatHeaders(request.headers)),
      body: body.value,
    },
    prismPreferences,
  );
  const outcome =
    prismOutcome.kind === "answer"
      ? {
          ...prismOutcome,
          headers: withConsistentRateLimitHeaders(prismOutcome.headers),
          body: withEchoedIds(prismOutcome.status, prismOutcome.body, body.value),
        }
      : prismOutcome;
  return answerFromPrism(outcome, {
    authorization: headerValue(request.headers.authorization),
    hasNonJsonBody: body.value !== undefined && !body.isJson,
    contentType: body.contentType,
    body: body.value,
    version: headerValue(request.headers.version),
    isEmbeddedSpec: context.spec.isEmbedded,
  });
}

function staticFile(pathname: string, context: HandlerContext): HttpAnswer | undefined {
  switch (pathname) {
    case "/":
      return { status: 302, headers: { Location: "/docs" }, body: undefined };
    case "/docs":
    case "/docs/":
      return context.docsHtml === undefined
        ? errorAnswer(404, NO_DOCS_MESSAGE)
        : { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: context.docsHtml };
    case "/openapi.yaml":
      return {
        status: 200,
        headers: { "Content-Type": "application/yaml; charset=utf-8" },
        body: context.spec.yaml,
      };
    case "/openapi.json":
      return {
        status: 200,
        headers: { "Content-Type": "application/json; charset=utf-8" },
        body: context.spec.json,
      };
    default:
      return undefined;
  }
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(", ") : value;

function flatHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const flat = headerValue(value);
    if (flat !== undefined) result[name] = flat;
  }
  return result;
}

/** HTTP auth schemes are case-insensitive (RFC 9110 11.1) but Prism only accepts "Bearer": spell it so. */
function withCanonicalBearer(headers: Record<string, string>): Record<string, string> {
  const authorization = headers.authorization;
  if (authorization === undefined || !/^bearer\s/i.test(authorization)) return headers;
  return { ...headers, authorization: `Bearer ${authorization.slice("bearer".length).trimStart()}` };
}
