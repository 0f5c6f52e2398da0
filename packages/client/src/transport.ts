// How one attempt goes out through openapi-fetch and what comes back, untouched: the interop shim,
// the per-attempt timer, the request with its headers, and the casts openapi-fetch needs. What is
// sent and what an answer means are client.ts's to decide.
//
// openapi-fetch builds a `Request` and passes it to fetch; undici's fetch(request) then copies that
// Request and pipes its body through a new TransformStream. On a local round trip that copy alone cost
// about 90 us of 300 (packages/bench, 2 cores): the client spent more time building Requests than the
// server spent answering. So openapi-fetch gets a PendingRequest instead (below).
import { API_VERSION, type InboundMessageRequest, OPERATION, type paths } from "@ghl-inbound/types";
import openapiFetchDefault from "openapi-fetch";
import type { SentRequest } from "./hooks.js";
import type { FetchFunction } from "./options.js";

/**
 * openapi-fetch has only a default export. In this package's CommonJS build, esbuild's Node-style
 * interop hands over openapi-fetch's whole `exports` object as that default, so the function sits
 * one `.default` further down there; in the ESM build it is the function itself.
 */
const createClient: typeof openapiFetchDefault =
  typeof openapiFetchDefault === "function"
    ? openapiFetchDefault
    : (openapiFetchDefault as unknown as { default: typeof openapiFetchDefault }).default;

export interface TransportOptions {
  baseUrl: string;
  fetch: FetchFunction | undefined;
  userAgent: string;
}

/** One attempt to send. */
export interface Attempt {
  body: InboundMessageRequest;
  token: string;
  timeoutMs: number;
  /** The caller's signal: when it aborts, the attempt rejects with its reason. */
  signal: AbortSignal | undefined;
  /** Told of the request right before fetch, then of the response once its headers arrived (hooks.ts). */
  observe: (request: SentRequest, response?: Response) => void;
}

/** What came back from one attempt. */
export type Exchange =
  | {
      isAnswered: true;
      response: Response;
      /** A 2xx: the body's text (undefined when empty). Otherwise the body parsed as JSON, else its text. */
      body: unknown;
    }
  | {
      isAnswered: false;
      /** What fetch (or reading the body) rejected with. */
      cause: unknown;
      /** The attempt's own timer ran out. */
      isTimeout: boolean;
      /** The status of an answer whose body then broke off: the request was certainly received. */
      answeredStatus: number | undefined;
    };

/** A function that makes one attempt. It rejects only with the caller's abort reason. */
export function createTransport(options: TransportOptions): (attempt: Attempt) => Promise<Exchange> {
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    // openapi-fetch builds a PendingRequest, not a Request; each send passes the fetch that takes it.
    Request: PendingRequest as unknown as typeof Request,
    // A redirect would resend the POST, token included, somewhere HighLevel did not document
    // (and "manual" costs a copy of every request: see UNEXPECTED_REDIRECT in classify.ts).
    redirect: "error",
  });

  return async function send({ body, token, timeoutMs, signal, observe }: Attempt): Promise<Exchange> {
    // A plain controller and a timer rather than AbortSignal.timeout(): on Node 20 that builds a
    // transferable signal on every call, a few per cent of a local round trip (packages/bench). The
    // timer covers the whole attempt, body included, and is cleared as soon as the attempt ends.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException("The operation timed out", "TimeoutError")),
      timeoutMs,
    );
    let answered: Response | undefined;
    try {
      const { response, data, error } = await api.POST(OPERATION.path, {
        body,
        params: { header: { Version: API_VERSION } },
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          "User-Agent": options.userAgent,
        },
        signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
        // Text, judged by client.ts: a 2xx that is not JSON is an answer to report, not a crash.
        parseAs: "text",
        // Noted before the body is read, so that a body cut short is told apart from no answer. The
        // hooks are told here rather than through openapi-fetch's middleware, which costs a round of
        // awaits on every send.
        fetch: async (request: Request) => {
          const pending = request as unknown as PendingRequest;
          observe(pending);
          answered = await sendPendingRequest(pending, options.fetch);
          observe(pending, answered);
          return answered;
        },
      });
      // openapi-fetch parsed an error body as JSON when it could; a 2xx arrives as text.
      return { isAnswered: true, response, body: response.ok ? data : error };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      return {
        isAnswered: false,
        cause,
        isTimeout: timeout.signal.aborted,
        answeredStatus: answered?.status,
      };
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Stands in for `Request` in openapi-fetch (its `Request` option): it keeps the URL and the
 * RequestInit that openapi-fetch built (serialised body, merged headers, signal, redirect) without
 * building anything, so that the platform fetch gets `(url, init)` and undici builds one Request, as
 * a raw `fetch()` would. Hooks read `method`, `url` and `headers` from it as from a Request.
 */
export class PendingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal | undefined;
  readonly init: RequestInit;

  constructor(url: string, init: RequestInit = {}) {
    const headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.url = url;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = headers;
    this.signal = init.signal ?? undefined;
    this.init = { ...init, headers };
  }

  /** The real Request, for a caller's own `fetch` option, whose documented contract is `fetch(request)`. */
  toRequest(): Request {
    return new Request(this.url, this.init);
  }
}

/**
 * Sends through the caller's `fetch` with a real Request, or else through the platform fetch
 * (looked up now, so that one installed after the client was created is used) with the URL and init.
 */
export function sendPendingRequest(
  request: PendingRequest,
  fetchFunction: FetchFunction | undefined,
): Promise<Response> {
  if (fetchFunction !== undefined) return fetchFunction(request.toRequest());
  return globalThis.fetch(request.url, request.init);
}
