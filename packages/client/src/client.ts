// Wiring only: openapi-fetch sends, validation.ts judges both ends, errors.ts names failures,
// retry.ts decides resends, rate-limit.ts holds the slots, options.ts the settings. The policy
// lives in those files.
import {
  API_VERSION,
  type InboundMessageRequest,
  type InboundMessageResponse,
  OPERATION,
  type paths,
} from "@ghl-inbound/types";
import openapiFetchDefault, { type Middleware } from "openapi-fetch";
import { errorFromFetchFailure, errorFromResponse, type HighLevelError, TimeoutError } from "./errors.js";
import { emitHook } from "./hooks.js";
import {
  type ClientOptions,
  checkAccessToken,
  checkTimeoutMs,
  normalizeOptions,
  type ResolvedClientOptions,
} from "./options.js";
import { answerOfError, createRateLimitGate, type RateLimitSlot } from "./rate-limit.js";
import { parseRateLimitInfo, type RateLimitInfo } from "./rate-limit-info.js";
import { headersToRecord, redactErrorChain, redactRequestHeaders, redactSecrets } from "./redact.js";
import { decideRetry } from "./retry.js";
import { PendingRequest, sendPendingRequest } from "./transport.js";
import { checkAddMessageResponse, checkMessageBody } from "./validation.js";

export interface AddInboundMessageOptions {
  /** Aborting rejects with the signal's reason (not a HighLevelError); a request already sent may still add the message. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for each attempt of this call. */
  timeoutMs?: number;
}

export interface AddInboundMessageResult {
  /** The documented success body, checked against the spec. */
  data: InboundMessageResponse;
  /** The raw answer (status, headers). Its body has already been read into `data`. */
  response: Response;
  /** HighLevel's `X-RateLimit-*` headers, as numbers. */
  rateLimit: RateLimitInfo;
}

export interface HighLevelClient {
  /** The settings in force, defaults applied. The token is held only as a function. */
  readonly options: Readonly<ResolvedClientOptions>;
  /**
   * Adds an inbound message. Resolves only on 200 or 201 carrying the documented body; anything
   * else rejects with a HighLevelError subclass (or the caller's abort reason).
   */
  addInboundMessage(
    body: InboundMessageRequest,
    options?: AddInboundMessageOptions,
  ): Promise<InboundMessageResponse>;
  /** The same, with the raw Response and the parsed rate-limit headers. */
  addInboundMessageWithResponse(
    body: InboundMessageRequest,
    options?: AddInboundMessageOptions,
  ): Promise<AddInboundMessageResult>;
}

type AttemptOutcome = { ok: true; result: AddInboundMessageResult } | { ok: false; error: HighLevelError };

interface Attempt {
  body: InboundMessageRequest;
  token: string;
  /** Every token used in this call so far: each is scrubbed from what the attempt reports. */
  secrets: readonly string[];
  attempt: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** The rate-limit slot this attempt holds, when `rateLimit` is on. */
  slot: RateLimitSlot | undefined;
}

const METHOD = "POST";

/**
 * openapi-fetch has only a default export. In this package's CommonJS build, esbuild's Node-style
 * interop hands over openapi-fetch's whole `exports` object as that default, so the function sits
 * one `.default` further down there; in the ESM build it is the function itself.
 */
const createClient: typeof openapiFetchDefault =
  typeof openapiFetchDefault === "function"
    ? openapiFetchDefault
    : (openapiFetchDefault as unknown as { default: typeof openapiFetchDefault }).default;

export function createHighLevelClient(options: ClientOptions): HighLevelClient {
  const resolved = normalizeOptions(options);
  const url = `${resolved.baseUrl}${OPERATION.path}`;
  const api = createClient<paths>({
    baseUrl: resolved.baseUrl,
    // openapi-fetch builds a PendingRequest, not a Request: see transport.ts. Each send passes the
    // fetch that takes it (sendOnce).
    Request: PendingRequest as unknown as typeof Request,
    // A redirect would resend the POST, token included, somewhere HighLevel did not document
    // (and "manual" costs a copy of every request: see UNEXPECTED_REDIRECT in errors.ts).
    redirect: "error",
  });
  const rateLimitGate =
    resolved.rateLimit && createRateLimitGate(resolved.rateLimit, { method: METHOD, url });

  /**
   * One HTTP exchange, judged. The single place a request leaves the process: a rate limiter can
   * wrap this step without touching the retry loop around it.
   */
  async function sendOnce({
    body,
    token,
    secrets,
    attempt,
    timeoutMs,
    signal,
    slot,
  }: Attempt): Promise<AttemptOutcome> {
    // A plain controller and a timer rather than AbortSignal.timeout(): on Node 20 that builds a
    // transferable signal on every call, a few per cent of a local round trip (packages/bench). The timer
    // covers the whole attempt, body included, and is cleared as soon as the attempt ends.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
      timeoutMs,
    );
    const timeoutSignal = timeout.signal;
    let answered: Response | undefined;
    const observer: Middleware = {
      onRequest({ request }) {
        emitHook(resolved.onRequest, () => ({
          method: request.method,
          url: request.url,
          attempt,
          headers: redactRequestHeaders(request.headers, secrets),
          ...(slot && { limiter: { key: slot.key, waitedMs: slot.waitedMs } }),
        }));
      },
      onResponse({ request, response }) {
        emitHook(resolved.onResponse, () => ({
          method: request.method,
          url: request.url,
          attempt,
          status: response.status,
          headers: headersToRecord(response.headers, secrets),
          rateLimit: parseRateLimitInfo(response.headers),
        }));
      },
    };

    const post = () =>
      api.POST(OPERATION.path, {
        body,
        params: { header: { Version: API_VERSION } },
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          "User-Agent": resolved.userAgent,
        },
        signal: signal ? AbortSignal.any([signal, timeoutSignal]) : timeoutSignal,
        // Text, parsed by validation.ts: a 2xx that is not JSON is an answer to report, not a crash.
        parseAs: "text",
        // Noted before the body is read, so that a body cut short is told apart from no answer.
        fetch: async (request: Request) => {
          answered = await sendPendingRequest(request as unknown as PendingRequest, resolved.fetch);
          return answered;
        },
        // openapi-fetch's middleware round (an id, an await per hook) only when a hook listens.
        middleware: resolved.onRequest || resolved.onResponse ? [observer] : [],
      });
    let sent: Awaited<ReturnType<typeof post>>;
    try {
      sent = await post();
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      redactErrorChain(cause, secrets);
      if (timeoutSignal.aborted)
        return { ok: false, error: new TimeoutError({ method: METHOD, url, timeoutMs }, { cause }) };
      return { ok: false, error: errorFromFetchFailure(cause, { method: METHOD, url }, answered?.status) };
    } finally {
      clearTimeout(timer);
    }

    const { response } = sent;
    // Built for errors only: a success has no use for a redacted copy of the headers.
    const answer = () => ({
      method: METHOD,
      url,
      status: response.status,
      statusText: response.statusText,
      headers: headersToRecord(response.headers, secrets),
    });
    if (response.status === 200 || response.status === 201) {
      const check = checkAddMessageResponse(sent.data);
      if (check.ok) {
        return {
          ok: true,
          result: { data: check.data, response, rateLimit: parseRateLimitInfo(response.headers) },
        };
      }
      redactErrorChain(check.cause, secrets);
      const cause = check.cause === undefined ? undefined : { cause: check.cause };
      return {
        ok: false,
        error: errorFromResponse(
          { ...answer(), body: redactSecrets(check.body, secrets) },
          check.issues,
          cause,
        ),
      };
    }
    // openapi-fetch parsed an error body as JSON when it could; another 2xx arrives as text.
    const errorBody = response.ok ? parseJsonOrText(sent.data) : sent.error;
    return { ok: false, error: errorFromResponse({ ...answer(), body: redactSecrets(errorBody, secrets) }) };
  }

  async function addInboundMessageWithResponse(
    body: InboundMessageRequest,
    callOptions: AddInboundMessageOptions = {},
  ): Promise<AddInboundMessageResult> {
    const { signal } = callOptions;
    const timeoutMs =
      callOptions.timeoutMs === undefined
        ? resolved.timeoutMs
        : checkTimeoutMs(callOptions.timeoutMs, "timeoutMs");
    signal?.throwIfAborted();
    checkMessageBody(body, { method: METHOD, url });

    const secrets: string[] = [];
    let retriesDone = 0;
    let hasRefreshedToken = false;
    let shouldRefreshToken = false;
    for (let attempt = 1; ; attempt += 1) {
      const token = checkAccessToken(
        await settleUnlessAborted(resolved.getAccessToken({ refresh: shouldRefreshToken, signal }), signal),
      );
      if (!secrets.includes(token)) secrets.push(token);
      shouldRefreshToken = false;
      signal?.throwIfAborted();

      // Every attempt takes a slot, retries too: each is a request HighLevel counts. If none comes,
      // the call fails before anything is sent.
      const slot = await rateLimitGate?.acquire(token, signal);
      const outcome = await sendOnce({ body, token, secrets, attempt, timeoutMs, signal, slot });
      // Before any retry delay: a 429 must block the key for every replica, this one's retry included.
      if (slot) {
        await rateLimitGate?.observe(
          slot,
          outcome.ok ? outcome.result.response : answerOfError(outcome.error),
        );
      }
      if (outcome.ok) return outcome.result;
      const { error } = outcome;

      // A 401 added nothing, so one resend with a fresh token is safe; it is not a retry of the
      // same request and does not use up maxRetries.
      if (error.name === "AuthenticationError" && resolved.canRefreshToken && !hasRefreshedToken) {
        hasRefreshedToken = true;
        shouldRefreshToken = true;
        emitHook(resolved.onRetry, () => ({
          method: METHOD,
          url,
          attempt,
          delayMs: 0,
          error,
          isTokenRefresh: true,
        }));
        continue;
      }
      const decision = decideRetry(error, retriesDone, resolved);
      if (!decision.shouldRetry) throw error;
      retriesDone += 1;
      emitHook(resolved.onRetry, () => ({
        method: METHOD,
        url,
        attempt,
        delayMs: decision.delayMs,
        error,
        isTokenRefresh: false,
      }));
      await waitMs(decision.delayMs, signal);
    }
  }

  return {
    options: resolved,
    addInboundMessageWithResponse,
    async addInboundMessage(body, callOptions) {
      return (await addInboundMessageWithResponse(body, callOptions)).data;
    },
  };
}

function parseJsonOrText(text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The token function's answer, or the caller's abort reason as soon as it aborts: a token function
 * that never settles must not keep a call that its caller gave up on.
 */
function settleUnlessAborted<T>(value: T | Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return Promise.resolve(value);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(value).then(
      (result) => {
        signal.removeEventListener("abort", onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Resolves after `delayMs`, or rejects with the caller's abort reason as soon as it aborts. */
function waitMs(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
