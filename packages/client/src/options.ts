import { OPERATION } from "@ghl-inbound/types";
import type { ClientHooks } from "./hooks.js";
import { normalizeRateLimit, type RateLimitOption, type ResolvedRateLimit } from "./rate-limit-option.js";
import type { UnsafeRetryPolicy } from "./retry.js";

declare const __CLIENT_VERSION__: string;

/** What a token function is told each time it is called. */
export interface AccessTokenContext {
  /**
   * True only after HighLevel answered 401 to the token this function last returned: return a
   * fresh token (refresh it with your OAuth refresh token, then store the new pair).
   */
  refresh: boolean;
  /** The caller's signal for this send, if any, to abort a slow refresh. */
  signal: AbortSignal | undefined;
}

/** Returns the token to send; called before every attempt. */
export type AccessTokenProvider = (context: AccessTokenContext) => string | Promise<string>;

/** The `fetch` the client sends with: WHATWG fetch called with a Request. */
export type FetchFunction = (request: Request) => Promise<Response>;

/** The environment variable read for the token when `accessToken` is not given. */
export const ACCESS_TOKEN_VARIABLE = "GHL_ACCESS_TOKEN";

export interface ClientOptions extends ClientHooks {
  /**
   * A Sub-Account OAuth access token or Private Integration Token, or a function returning one
   * (called for every attempt, with `{ refresh: true }` once after a 401). Undefined or left out: the
   * `GHL_ACCESS_TOKEN` environment variable, read once when the client is created.
   * @default process.env.GHL_ACCESS_TOKEN
   */
  accessToken?: string | AccessTokenProvider | undefined;
  /**
   * Must be https; plain http is accepted only for loopback hosts (a local mock).
   * @default "https://services.leadconnectorhq.com"
   */
  baseUrl?: string;
  /** Per attempt: no complete answer within this time gives a RequestTimeoutError. @default 30000 */
  timeoutMs?: number;
  /** Resends allowed after the first attempt (429s, refused connections, opted-in failures). @default 2 */
  maxRetries?: number;
  /**
   * The longest `Retry-After` the client waits out itself; a longer one throws RateLimitError at
   * once with `retryAfterMs`. @default 15000
   */
  maxRetryAfterMs?: number;
  /**
   * Also resend after failures that may already have added the message: `true` for all, or pick
   * `{ serverError, timeout, connectionLost }`. RISK: each such resend can create a DUPLICATE
   * message (the endpoint has no idempotency key). @default false
   */
  retryUnsafe?: boolean | Partial<UnsafeRetryPolicy>;
  /** The fetch to send with. @default globalThis.fetch, looked up at each send */
  fetch?: FetchFunction;
  /** @default "ghl-inbound-client/<version>" */
  userAgent?: string;
  /**
   * Opt-in: wait for a rate-limit slot before every attempt (retries too), and tell the limiter what
   * each answer said (a 429 blocks the key for every replica sharing the store). Settings
   * (`{ limit, intervalMs, key, store, maxWaitMs, onStoreError, ... }`, defaults: 100 per 10 s, in
   * memory, keyed by a hash of the token) or a limiter from `createRateLimiter()`.
   * @default undefined (no limiter)
   */
  rateLimit?: RateLimitOption;
}

/** ClientOptions after defaults and checks. The token is only ever held as a function. */
export interface ResolvedClientOptions extends ClientHooks {
  getAccessToken: AccessTokenProvider;
  /** True when `accessToken` was a function: only then can a 401 be answered with a fresh token. */
  canRefreshToken: boolean;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  retryUnsafe: UnsafeRetryPolicy;
  fetch: FetchFunction | undefined;
  userAgent: string;
  /** The limiter in use and its fixed key; undefined when `rateLimit` was not given. */
  rateLimit: ResolvedRateLimit | undefined;
}

export const DEFAULT_OPTIONS = {
  baseUrl: OPERATION.serverUrl,
  /** HighLevel answers in well under a second; 30 s is long enough for a bad day and short enough to notice. */
  timeoutMs: 30_000,
  maxRetries: 2,
  /**
   * A burst-limit wait is at most one 10 s interval (100 requests per 10 s); 15 s leaves room for
   * clock skew in an HTTP-date. A longer wait means the daily limit or an outage: better handed
   * back to the caller's queue than spent inside one call that would look like a hang.
   */
  maxRetryAfterMs: 15_000,
  userAgent: `ghl-inbound-client/${typeof __CLIENT_VERSION__ === "string" ? __CLIENT_VERSION__ : "dev"}`,
} as const;

/** setTimeout's ceiling: a longer delay fires at once. */
const MAX_TIMER_MS = 2_147_483_647;
const MAX_RETRIES_LIMIT = 10;

/**
 * Applies the defaults and refuses what cannot work, at creation rather than at the first send.
 * Errors never quote the token.
 */
export function normalizeOptions(options: ClientOptions = {}): ResolvedClientOptions {
  if (options === null || typeof options !== "object") {
    throw new TypeError("createHighLevelClient: options must be an object (or left out)");
  }
  const accessToken = options.accessToken ?? readAccessTokenVariable();
  let getAccessToken: AccessTokenProvider;
  if (typeof accessToken === "function") {
    getAccessToken = accessToken;
  } else {
    const token = checkAccessToken(accessToken, options.accessToken === undefined);
    getAccessToken = () => token;
  }
  for (const name of ["onRequest", "onResponse", "onRetry", "fetch"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") {
      throw new TypeError(`createHighLevelClient: ${name} must be a function`);
    }
  }
  const userAgent = options.userAgent ?? DEFAULT_OPTIONS.userAgent;
  if (typeof userAgent !== "string" || !/^[\x20-\x7e]+$/.test(userAgent)) {
    throw new TypeError("createHighLevelClient: userAgent must be printable ASCII on one line");
  }
  return {
    getAccessToken,
    canRefreshToken: typeof accessToken === "function",
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_OPTIONS.baseUrl),
    timeoutMs: checkTimeoutMs(options.timeoutMs ?? DEFAULT_OPTIONS.timeoutMs, "timeoutMs"),
    maxRetries: checkInteger(
      options.maxRetries ?? DEFAULT_OPTIONS.maxRetries,
      "maxRetries",
      0,
      MAX_RETRIES_LIMIT,
    ),
    maxRetryAfterMs: checkInteger(
      options.maxRetryAfterMs ?? DEFAULT_OPTIONS.maxRetryAfterMs,
      "maxRetryAfterMs",
      0,
      MAX_TIMER_MS,
    ),
    retryUnsafe: normalizeUnsafeRetry(options.retryUnsafe),
    fetch: options.fetch,
    userAgent,
    rateLimit: normalizeRateLimit(options.rateLimit, accessToken),
    onRequest: options.onRequest,
    onResponse: options.onResponse,
    onRetry: options.onRetry,
  };
}

/**
 * The token from the environment, where there is one (Node, Deno, Bun; not a browser). An empty
 * variable counts as unset.
 */
function readAccessTokenVariable(): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
    ACCESS_TOKEN_VARIABLE
  ];
  return value === "" ? undefined : value;
}

/**
 * A token must be a header-safe string. Checked here because fetch's own error for a bad header
 * value quotes the value, token included. `isFromEnvironment`: the client looked for GHL_ACCESS_TOKEN.
 */
export function checkAccessToken(token: unknown, isFromEnvironment = false): string {
  if (token === undefined && isFromEnvironment) {
    throw new TypeError(
      `createHighLevelClient: no access token. Pass accessToken, or set the ${ACCESS_TOKEN_VARIABLE} environment variable`,
    );
  }
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token)) {
    throw new TypeError(
      `${isFromEnvironment ? ACCESS_TOKEN_VARIABLE : "accessToken"} must be a non-empty string of printable ` +
        "ASCII without spaces (or a function returning one); the value is not shown",
    );
  }
  return token;
}

/** Also used for the per-call `timeoutMs`. */
export function checkTimeoutMs(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new RangeError(`${name} must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS}`);
  }
  return value;
}

function checkInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`createHighLevelClient: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function normalizeUnsafeRetry(value: ClientOptions["retryUnsafe"]): UnsafeRetryPolicy {
  if (value === undefined || typeof value === "boolean") {
    const all = value === true;
    return { serverError: all, timeout: all, connectionLost: all };
  }
  if (value === null || typeof value !== "object") {
    throw new TypeError("createHighLevelClient: retryUnsafe must be a boolean or an object");
  }
  return {
    serverError: value.serverError === true,
    timeout: value.timeout === true,
    connectionLost: value.connectionLost === true,
  };
}

/**
 * https only: the token travels in a header. Plain http is allowed for loopback hosts, where a
 * local mock (Prism, a test server) runs and nothing crosses a network.
 */
function checkBaseUrl(value: unknown): string {
  const problem = findBaseUrlProblem(value, "pass the token as accessToken");
  if (problem !== undefined) throw new TypeError(`createHighLevelClient: baseUrl ${problem}`);
  return new URL(value as string).href.replace(/\/+$/, "");
}

/**
 * Why `value` cannot be a base URL, as the words after its name ("must use https ..."), or undefined.
 * `tokenHint` ends the message for a URL with credentials: where the token goes instead. The URL is
 * then not quoted, since it holds them.
 */
export function findBaseUrlProblem(value: unknown, tokenHint: string): string | undefined {
  if (typeof value !== "string") return "must be a string";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not an absolute URL: ${JSON.stringify(value)}`;
  }
  if (url.username !== "" || url.password !== "") return `must not contain credentials; ${tokenHint}`;
  if (url.search !== "" || url.hash !== "") return "must not have a query or a fragment";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    return `must use https (http only for localhost, 127.x.x.x, [::1]), not ${url.protocol}//${url.host}`;
  }
  return undefined;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}
