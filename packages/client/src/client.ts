// The story of one call: validate the body, take a rate-limit slot, send, let the limiter observe
// the answer, decide (return, refresh the token, retry or throw). How a request goes out is
// transport.ts's; what a failure is called, classify.ts's; when to resend, retry.ts's.
import {
  parseRateLimitInfo,
  type RateLimitInfo,
  settleUnlessAborted,
  sleep,
} from "@ghl-inbound/limiter/rules";
import { type InboundMessageRequest, type InboundMessageResponse, OPERATION } from "@ghl-inbound/types";
import { errorFromFetchFailure, errorFromResponse } from "./classify.js";
import {
  AttemptRefusedError,
  HighLevelError,
  RateLimitStoreUnavailableError,
  RateLimitWaitError,
  RequestTimeoutError,
} from "./errors.js";
import { type AttemptEvent, emitHook, observerForAttempt, type RetryEvent } from "./hooks.js";
import {
  type ClientOptions,
  checkAccessToken,
  checkTimeoutMs,
  normalizeOptions,
  type ResolvedClientOptions,
} from "./options.js";
import type { RateLimitGate } from "./rate-limit.js";
import { headersToRecord, redactErrorChain, redactSecrets } from "./redact.js";
import { decideRetry } from "./retry.js";
import { createTransport, type Exchange } from "./transport.js";
import { checkAddMessageResponse, checkMessageBody } from "./validation.js";

export interface AddInboundMessageOptions {
  /** Aborting rejects with the signal's reason (not a HighLevelError); a request already sent may still add the message. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for each attempt of this call. */
  timeoutMs?: number | undefined;
  /**
   * Awaited right before each attempt of this call leaves, once its rate-limit slot is taken: the
   * place to record "about to send" durably (a journal). Throwing (or rejecting) refuses the attempt:
   * nothing is sent and the call rejects with AttemptRefusedError, whose cause is what was thrown.
   */
  beforeSend?: ((event: AttemptEvent) => void | Promise<void>) | undefined;
  /**
   * Awaited when an attempt failed and the call is about to wait and send again (after a 429, a
   * refused connection, a 401 with a token to refresh): the place to record that the attempt was
   * refused before the wait. Throwing ends the call with the failed attempt's error.
   */
  beforeRetry?: ((event: RetryEvent) => void | Promise<void>) | undefined;
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

const METHOD = "POST";

/**
 * A client for HighLevel's "Add an inbound message". With no `accessToken` it reads the
 * GHL_ACCESS_TOKEN environment variable; it throws at once, naming the setting, when an option
 * cannot work.
 */
export function createHighLevelClient(options: ClientOptions = {}): HighLevelClient {
  const resolved = normalizeOptions(options);
  const request = { method: METHOD, url: `${resolved.baseUrl}${OPERATION.path}` };
  const send = createTransport(resolved);
  const { rateLimit } = resolved;
  // The limiter is loaded with the first call that needs it, so that a client without `rateLimit`
  // never loads it (browser bundles, cold starts).
  let rateLimitGate: Promise<RateLimitGate> | undefined;
  const loadRateLimitGate = () => {
    rateLimitGate ??= import("./rate-limit.js").then((module) =>
      module.createRateLimitGate(rateLimit!, { request, RateLimitWaitError, RateLimitStoreUnavailableError }),
    );
    return rateLimitGate;
  };

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
    checkMessageBody(body, request);
    const gate = rateLimit && (await settleUnlessAborted(loadRateLimitGate(), signal));

    /** Every token used in this call so far: each is scrubbed from what the call reports. */
    const secrets: string[] = [];
    let retriesDone = 0;
    let hasRefreshedToken = false;
    let shouldRefreshToken = false;
    /** Whether an attempt of this call so far may have added the message. */
    let mayHaveAdded = false;
    for (let attempt = 1; ; attempt += 1) {
      const token = checkAccessToken(
        await settleUnlessAborted(resolved.getAccessToken({ refresh: shouldRefreshToken, signal }), signal),
      );
      if (!secrets.includes(token)) secrets.push(token);
      shouldRefreshToken = false;
      signal?.throwIfAborted();

      // Every attempt takes a slot, retries too: each is a request HighLevel counts. If none comes,
      // the call fails before anything is sent.
      const slot = await gate?.acquire(token, signal);
      if (callOptions.beforeSend !== undefined) {
        try {
          await callOptions.beforeSend({ ...request, attempt });
        } catch (cause) {
          redactErrorChain(cause, secrets);
          // The slot was taken and nothing used it: the limiter has no answer to learn from.
          throw new AttemptRefusedError({ ...request, attempt, mayHaveBeenAdded: mayHaveAdded }, { cause });
        }
      }
      const observe = observerForAttempt(resolved, { attempt, secrets, slot });
      const attemptSend = () => send({ body, token, timeoutMs, signal, observe });
      const exchange = await (slot && gate ? gate.sending(slot, attemptSend) : attemptSend());
      const outcome = judge(exchange, timeoutMs, secrets);
      // Before any retry delay: a 429 must block the key for every replica, this one's retry included.
      if (slot) await gate?.observe(slot, outcome instanceof HighLevelError ? outcome : outcome.response);
      if (!(outcome instanceof HighLevelError)) return outcome;
      const error = outcome;
      mayHaveAdded ||= error.mayHaveBeenAdded;

      // A 401 added nothing, so one resend with a fresh token is safe; it is not a retry of the
      // same request and does not use up maxRetries.
      if (error.name === "AuthenticationError" && resolved.canRefreshToken && !hasRefreshedToken) {
        hasRefreshedToken = true;
        shouldRefreshToken = true;
        const event: RetryEvent = { ...request, attempt, delayMs: 0, error, isTokenRefresh: true };
        await beforeRetry(event, callOptions);
        emitHook(resolved.onRetry, () => event);
        continue;
      }
      const decision = decideRetry(error, retriesDone, resolved);
      if (!decision.shouldRetry) throw error;
      retriesDone += 1;
      const { delayMs } = decision;
      const event: RetryEvent = { ...request, attempt, delayMs, error, isTokenRefresh: false };
      await beforeRetry(event, callOptions);
      emitHook(resolved.onRetry, () => event);
      await sleep(delayMs, signal);
    }
  }

  /**
   * The result of one exchange: the documented success, or the error it amounts to, with every
   * secret scrubbed from what the error carries (a server may echo the token).
   */
  function judge(
    exchange: Exchange,
    timeoutMs: number,
    secrets: readonly string[],
  ): AddInboundMessageResult | HighLevelError {
    if (!exchange.isAnswered) {
      const { cause } = exchange;
      redactErrorChain(cause, secrets);
      if (exchange.isTimeout) return new RequestTimeoutError({ ...request, timeoutMs }, { cause });
      return errorFromFetchFailure(cause, request, exchange.answeredStatus);
    }
    const { response } = exchange;
    // Built for errors only: a success has no use for a redacted copy of the headers.
    const answer = () => ({
      ...request,
      status: response.status,
      statusText: response.statusText,
      headers: headersToRecord(response.headers, secrets),
    });
    if (response.status !== 200 && response.status !== 201) {
      const body = response.ok ? parseJsonOrText(exchange.body as string | undefined) : exchange.body;
      return errorFromResponse({ ...answer(), body: redactSecrets(body, secrets) });
    }
    const check = checkAddMessageResponse(exchange.body as string | undefined);
    if (check.ok) return { data: check.data, response, rateLimit: parseRateLimitInfo(response.headers) };
    redactErrorChain(check.cause, secrets);
    const options = check.cause === undefined ? undefined : { cause: check.cause };
    const body = redactSecrets(check.body, secrets);
    return errorFromResponse({ ...answer(), body }, check.issues, options);
  }

  return {
    options: resolved,
    addInboundMessageWithResponse,
    async addInboundMessage(body, callOptions) {
      return (await addInboundMessageWithResponse(body, callOptions)).data;
    },
  };
}

/** The call's `beforeRetry`, awaited; if it throws, the call ends with the failed attempt's error. */
async function beforeRetry(event: RetryEvent, callOptions: AddInboundMessageOptions): Promise<void> {
  if (callOptions.beforeRetry === undefined) return;
  try {
    await callOptions.beforeRetry(event);
  } catch {
    throw event.error;
  }
}

function parseJsonOrText(text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
