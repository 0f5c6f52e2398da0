// The error classes, one per failure. Which one a failure becomes is decided in classify.ts; how
// another copy of this package tells them apart is guards.ts's, from the brand every one carries.
import type { RateLimitInfo } from "@ghl-inbound/limiter/rules";
import type {
  BadRequestResponse,
  ErrorResponse,
  ForbiddenResponse,
  NotFoundResponse,
  RequestViolation,
  UnauthorizedResponse,
  UnprocessableEntityResponse,
} from "@ghl-inbound/types";

/** Every `name` a HighLevelError can carry: a log line or a guard can rely on it. */
export type HighLevelErrorName =
  | "HighLevelError"
  | HttpErrorName
  | "UnexpectedResponseError"
  | "RequestTimeoutError"
  | "ConnectionError"
  | "ValidationError"
  | "RateLimitWaitError"
  | "RateLimitStoreUnavailableError"
  | "MessageSkippedError"
  | "MessageInterruptedError"
  | "AttemptRefusedError";
export type HttpErrorName =
  | "HttpError"
  | "BadRequestError"
  | "AuthenticationError"
  | "PermissionDeniedError"
  | "NotFoundError"
  | "UnprocessableEntityError"
  | "RateLimitError"
  | "ServerError";

/** What every error knows about the request it belongs to. */
export interface RequestDescription {
  /** Always `POST`. */
  method: string;
  /** The full URL (the base URL never holds credentials: the client refuses them). */
  url: string;
}

/** What a response-based error knows about the answer. */
export interface ResponseDescription extends RequestDescription {
  status: number;
  statusText: string;
  /** The parsed JSON body, the raw text when it was not JSON, or undefined when it was empty. */
  body: unknown;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
}

/**
 * The key of the brand every HighLevelError carries. `Symbol.for` gives every copy of this package the
 * same key (the CommonJS build loaded beside the ES module one, two versions in node_modules, another
 * realm), where each copy has classes of its own that `instanceof` cannot see across.
 */
export const HIGHLEVEL_ERROR_BRAND = Symbol.for("ghl-inbound.HighLevelError");

export interface HighLevelErrorFields {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  method: string;
  url: string;
  mayHaveBeenAdded: boolean;
}

/**
 * Base of every error this client throws; never thrown itself. Catch it to handle every failure of
 * the client at once; `status`, `body` and `headers` are set where a response arrived.
 *
 * `mayHaveBeenAdded` is the one question a caller must answer before sending again: the endpoint
 * has no idempotency key, so a request that reached HighLevel and failed afterwards may already
 * have added the message (`altId` is the caller's handle for de-duplication).
 */
export class HighLevelError extends Error {
  override name: HighLevelErrorName = "HighLevelError";
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** Parsed response body (JSON, else text), when a response arrived. */
  readonly body: unknown;
  /** Response headers (lower-case names), when a response arrived. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly method: string;
  readonly url: string;
  /** False only when HighLevel certainly did not add the message. */
  readonly mayHaveBeenAdded: boolean;

  constructor(message: string, fields: HighLevelErrorFields, options?: { cause?: unknown }) {
    super(message, options);
    // The brand the guards look for. Not enumerable: an error's JSON, what a log or `structuredClone`
    // shows, stay those of the fields below.
    Object.defineProperty(this, HIGHLEVEL_ERROR_BRAND, { value: true });
    this.status = fields.status;
    this.body = fields.body;
    this.headers = fields.headers;
    this.method = fields.method;
    this.url = fields.url;
    this.mayHaveBeenAdded = fields.mayHaveBeenAdded;
  }

  /** `JSON.stringify(error)` keeps the name and message that a bare Error would lose. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/**
 * HighLevel answered with an error status that has no class of its own (409, a redirect...).
 * Subclasses cover 400, 401, 403, 404, 422, 429 and 5xx.
 */
export class HttpError extends HighLevelError {
  override name: HttpErrorName = "HttpError";
  declare readonly status: number;
  declare readonly headers: Readonly<Record<string, string>>;
  readonly statusText: string;
  /**
   * HighLevel's `message`, always as a list: a 422 lists every rule the body broke, other answers
   * carry one message. Empty when the body has none.
   */
  readonly messages: readonly string[];

  /**
   * `mayHaveBeenAdded`: a 4xx refused the request, so nothing was added; a 5xx may have added it, and
   * a 3xx (never followed) says nothing either way.
   */
  constructor(
    response: ResponseDescription,
    mayHaveBeenAdded = response.status < 400 || response.status >= 500,
    hint?: string,
  ) {
    super(describeHttpFailure(response, hint), { ...response, mayHaveBeenAdded });
    this.statusText = response.statusText;
    this.messages = messagesOf(response.body);
  }
}

/** 400: HighLevel refused the body. The message was not added; sending it unchanged will fail again. */
export class BadRequestError extends HttpError {
  override readonly name = "BadRequestError" as const;
  declare readonly status: 400;
  declare readonly body: BadRequestResponse | string | undefined;
}

/**
 * 401: the token was refused. The message was not added. With a token function the client has
 * already asked it for a fresh token once and resent once before throwing this.
 */
export class AuthenticationError extends HttpError {
  override readonly name = "AuthenticationError" as const;
  declare readonly status: 401;
  declare readonly body: UnauthorizedResponse | string | undefined;
}

/**
 * 403: the token is valid but may not do this (the location is not the token's, a scope is missing).
 * The message was not added; sending it again with the same token will fail again.
 */
export class PermissionDeniedError extends HttpError {
  override readonly name = "PermissionDeniedError" as const;
  declare readonly status: 403;
  declare readonly body: ForbiddenResponse | string | undefined;
}

/** 404: HighLevel found no such conversation, contact or provider. The message was not added. */
export class NotFoundError extends HttpError {
  override readonly name = "NotFoundError" as const;
  declare readonly status: 404;
  declare readonly body: NotFoundResponse | string | undefined;
}

/**
 * 422: the body broke HighLevel's schema (`messages` lists each problem, e.g. "attachments must
 * contain at least 1 elements"). The message was not added; it is never sent again unchanged.
 */
export class UnprocessableEntityError extends HttpError {
  override readonly name = "UnprocessableEntityError" as const;
  declare readonly status: 422;
  declare readonly body: UnprocessableEntityResponse | string | undefined;
  /**
   * Where each problem is (`{ location, code, message }`), when the answer says: ghl-inbound's mock
   * does, HighLevel sends only `messages`. Empty otherwise.
   */
  readonly violations: readonly RequestViolation[];

  constructor(response: ResponseDescription) {
    super(response);
    this.violations = violationsOf(response.body);
  }
}

/**
 * 429: a rate limit was hit. The message was not added, so sending it again later is safe.
 * Thrown when the wait (`retryAfterMs`) is longer than `maxRetryAfterMs`, or retries ran out.
 */
export class RateLimitError extends HttpError {
  override readonly name = "RateLimitError" as const;
  declare readonly status: 429;
  declare readonly body: ErrorResponse | string | undefined;
  /** The server's `Retry-After`, in milliseconds; undefined when it sent none (or an unreadable one). */
  readonly retryAfterMs: number | undefined;
  /** The `X-RateLimit-*` headers of the 429. */
  readonly rateLimit: RateLimitInfo;

  constructor(
    response: ResponseDescription,
    { retryAfterMs, rateLimit }: { retryAfterMs: number | undefined; rateLimit: RateLimitInfo },
  ) {
    super(
      response,
      false,
      retryAfterMs === undefined ? "no Retry-After" : `retry after ${Math.ceil(retryAfterMs / 1000)} s`,
    );
    this.retryAfterMs = retryAfterMs;
    this.rateLimit = rateLimit;
  }
}

/**
 * 5xx. The message MAY have been added (HighLevel also answers 500 for a wrong provider id or an
 * invalid token), so it is not sent again unless `retryUnsafe.serverError` is set.
 */
export class ServerError extends HttpError {
  override readonly name = "ServerError" as const;
  declare readonly body: ErrorResponse | string | undefined;

  constructor(response: ResponseDescription) {
    super(response, true, "the message may have been added");
  }
}

/**
 * A 2xx that is not the documented success (200 or 201 with an InboundMessageResponse whose
 * `success` is true): for example HighLevel's 201 with an empty body, which did NOT add the
 * message. It is not a success, and it is never sent again: whether the message exists is
 * unknown, so `mayHaveBeenAdded` is true. `issues` says what was wrong with the body.
 */
export class UnexpectedResponseError extends HighLevelError {
  override readonly name = "UnexpectedResponseError" as const;
  declare readonly status: number;
  declare readonly headers: Readonly<Record<string, string>>;
  readonly statusText: string;
  /** Why the answer is not a success, one line per problem. */
  readonly issues: readonly string[];

  constructor(response: ResponseDescription, issues: readonly string[], options?: { cause?: unknown }) {
    super(
      `${describeRequest(response)} answered ${statusLine(response)}, not the documented success body ` +
        `(${issues.join("; ")}); do not assume the message was added`,
      { ...response, mayHaveBeenAdded: true },
      options,
    );
    this.statusText = response.statusText;
    this.issues = issues;
  }
}

/**
 * No complete answer within `timeoutMs`. The request may have reached HighLevel, so the message
 * MAY have been added; it is not sent again unless `retryUnsafe.timeout` is set. Named apart from
 * the DOMException "TimeoutError" that `AbortSignal.timeout()` rejects with (kept as `cause`), so a
 * log or a `name` check cannot take one for the other.
 */
export class RequestTimeoutError extends HighLevelError {
  override readonly name = "RequestTimeoutError" as const;
  readonly timeoutMs: number;

  constructor(request: RequestDescription & { timeoutMs: number }, options: { cause: unknown }) {
    super(
      `${describeRequest(request)} timed out after ${request.timeoutMs} ms; the message may have been added`,
      { ...request, mayHaveBeenAdded: true },
      options,
    );
    this.timeoutMs = request.timeoutMs;
  }
}

/**
 * `fetch` failed without an HTTP answer. `code` is the system error (ECONNREFUSED, ECONNRESET,
 * UND_ERR_SOCKET...) or one of the client's own (BAD_PORT, UNEXPECTED_REDIRECT). When no connection
 * was made (refused, DNS failure, a port fetch will not use) nothing was sent and `mayHaveBeenAdded`
 * is false; when it broke after the request went out, the message MAY have been added. `status` is
 * set when the headers of an answer arrived before the body broke.
 */
export class ConnectionError extends HighLevelError {
  override readonly name = "ConnectionError" as const;
  readonly code: string | undefined;

  constructor(
    request: RequestDescription & {
      code: string | undefined;
      /** What happened, in words: the message reads "<method> <path> <reason>". */
      reason: string;
      mayHaveBeenAdded: boolean;
      status?: number | undefined;
    },
    options: { cause: unknown },
  ) {
    const outcome = request.mayHaveBeenAdded ? "the message may have been added" : "nothing was sent";
    super(
      `${describeRequest(request)} ${request.reason}; ${outcome} (${request.code ?? "no error code"})`,
      request,
      options,
    );
    this.code = request.code;
  }
}

/** One reason a body was refused: `path` is a JSON pointer into the body ("" is the body itself). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * The body breaks the spec's InboundMessageRequest schema, so nothing was sent. Each field at
 * fault is in `issues`, and named in the message (values are never copied: they may be private).
 */
export class ValidationError extends HighLevelError {
  override readonly name = "ValidationError" as const;
  readonly issues: readonly ValidationIssue[];

  constructor(request: RequestDescription, issues: readonly ValidationIssue[]) {
    super(
      `${describeRequest(request)} refused before sending, the body does not match the spec: ` +
        issues.map((issue) => `${issue.path || "(body)"} ${issue.message}`).join("; "),
      { ...request, mayHaveBeenAdded: false },
    );
    this.issues = issues;
  }
}

/**
 * The client's rate limiter (`rateLimit` option) found no slot within its `maxWaitMs`, so nothing was
 * sent. The budget is spent for now (by this process or by the replicas that share the store):
 * queue the message and send it after `retryInMs`. `cause` is the limiter's RateLimitWaitTimeoutError.
 */
export class RateLimitWaitError extends HighLevelError {
  override readonly name = "RateLimitWaitError" as const;
  /** The rate-limit key: the locationId given, or a hash of the token (never the token). */
  readonly key: string;
  /** How long the call waited before giving up. */
  readonly waitedMs: number;
  /** How much longer the limiter said the next slot is away. */
  readonly retryInMs: number;
  readonly maxWaitMs: number;

  constructor(
    request: RequestDescription & { key: string; waitedMs: number; retryInMs: number; maxWaitMs: number },
    options: { cause: unknown },
  ) {
    super(
      `${describeRequest(request)} was not sent: no rate-limit slot for key "${request.key}" within ` +
        `maxWaitMs ${request.maxWaitMs} (the next one is ${Math.round(request.retryInMs)} ms away)`,
      { ...request, mayHaveBeenAdded: false },
      options,
    );
    this.key = request.key;
    this.waitedMs = request.waitedMs;
    this.retryInMs = request.retryInMs;
    this.maxWaitMs = request.maxWaitMs;
  }
}

/**
 * The rate limiter's store (Redis) failed or did not answer in time, with `onStoreError: "throw"`:
 * without a confirmed slot the message was not sent. `cause` is the limiter's RateLimitStoreError,
 * whose own `cause` is the driver's error (kept out of the message: it may hold a connection string).
 */
export class RateLimitStoreUnavailableError extends HighLevelError {
  override readonly name = "RateLimitStoreUnavailableError" as const;
  readonly key: string;
  /** Set when the store did not answer within the limiter's `storeTimeoutMs`. */
  readonly timeoutMs: number | undefined;

  constructor(
    request: RequestDescription & { key: string; timeoutMs: number | undefined; reason: string },
    options: { cause: unknown },
  ) {
    super(
      `${describeRequest(request)} was not sent: the rate-limit store is unavailable (${request.reason})`,
      { ...request, mayHaveBeenAdded: false },
      options,
    );
    this.key = request.key;
    this.timeoutMs = request.timeoutMs;
  }
}

/** Why `sendInboundMessages` never started a message. */
export type SkipReason = "aborted" | "stopped";

/**
 * `sendInboundMessages` never started this message: its signal aborted first ("aborted"), or
 * `stopOnError` stopped the run after another message failed ("stopped"). Nothing was sent, so it is
 * safe to send it later. `cause` is the abort reason or the error that stopped the run.
 */
export class MessageSkippedError extends HighLevelError {
  override readonly name = "MessageSkippedError" as const;
  readonly reason: SkipReason;

  constructor(request: RequestDescription & { reason: SkipReason }, options: { cause: unknown }) {
    super(
      `${describeRequest(request)} was not sent: ${
        request.reason === "aborted"
          ? "the bulk send was aborted before this message started"
          : "the bulk send stopped after another message failed (stopOnError)"
      }`,
      { ...request, mayHaveBeenAdded: false },
      options,
    );
    this.reason = request.reason;
  }
}

/**
 * `sendInboundMessages` started this message, but the call ended without HighLevel's verdict: the
 * signal aborted it (`isAborted`), or something other than the client failed (the token function
 * threw). A request may already have left, so `mayHaveBeenAdded` is true: look it up by `altId`
 * before sending it again. `cause` is the abort reason or the error.
 */
export class MessageInterruptedError extends HighLevelError {
  override readonly name = "MessageInterruptedError" as const;
  readonly isAborted: boolean;

  constructor(request: RequestDescription & { isAborted: boolean }, options: { cause: unknown }) {
    super(
      `${describeRequest(request)} was interrupted ${
        request.isAborted ? "by an abort" : `by ${describeThrown(options.cause)}`
      } before the answer was known; the message may have been added`,
      { ...request, mayHaveBeenAdded: true },
      options,
    );
    this.isAborted = request.isAborted;
  }
}

/**
 * The call's `beforeSend` step threw, so the attempt was not sent: nothing of it left the process
 * (`mayHaveBeenAdded` false, unless an earlier attempt of the same call may have added it). `cause`
 * is what `beforeSend` threw.
 */
export class AttemptRefusedError extends HighLevelError {
  override readonly name = "AttemptRefusedError" as const;
  /** The attempt that was refused: 1 for the first send. */
  readonly attempt: number;

  constructor(
    request: RequestDescription & { attempt: number; mayHaveBeenAdded: boolean },
    options: { cause: unknown },
  ) {
    super(
      `${describeRequest(request)} was not sent: beforeSend refused attempt ${request.attempt} (${describeThrown(options.cause)})`,
      request,
      options,
    );
    this.attempt = request.attempt;
  }
}

/** A thrown value's kind, never its message (a token function's error could quote the token). */
function describeThrown(value: unknown): string {
  return value instanceof Error ? `a ${value.name}` : `a thrown ${typeof value}`;
}

/** HighLevel's `message`: one string, or a list of them when a body breaks several rules (a 422). */
function messagesOf(body: unknown): string[] {
  const message = (body as UnprocessableEntityResponse | null | undefined)?.message;
  if (typeof message === "string") return [message];
  if (Array.isArray(message)) return message.filter((item): item is string => typeof item === "string");
  return [];
}

function violationsOf(body: unknown): RequestViolation[] {
  const violations = (body as UnprocessableEntityResponse | null | undefined)?.violations;
  if (!Array.isArray(violations)) return [];
  return violations.filter(
    (item): item is RequestViolation =>
      typeof item?.location === "string" && typeof item.code === "string" && typeof item.message === "string",
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function describeRequest(request: RequestDescription): string {
  return `${request.method} ${pathOf(request.url)}`;
}

function statusLine(response: ResponseDescription): string {
  return response.statusText ? `${response.status} ${response.statusText}` : `${response.status}`;
}

function describeHttpFailure(response: ResponseDescription, hint: string | undefined): string {
  return `${describeRequest(response)} failed: ${statusLine(response)}${hint ? ` (${hint})` : ""}`;
}
