// How one attempt goes out through openapi-fetch and what comes back, untouched: the interop shim,
// the per-attempt timer, the request with its headers, and the casts openapi-fetch needs. What is
// sent and what an answer means are client.ts's to decide.
//
// openapi-fetch builds a `Request` and passes it to fetch; undici's fetch(request) then copies that
// Request and pipes its body through a new TransformStream. On a local round trip that copy was a large
// share of the client's whole overhead, more than the server spent answering, so openapi-fetch gets a
// PendingRequest instead (below). packages/bench's client-overhead benchmark measures what is left.
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
    // One controller of our own, aborted from listeners on the caller's signal and on a timer, rather
    // than AbortSignal.any() or AbortSignal.timeout(). And the body is read here, through a reader
    // this attempt holds, rather than by openapi-fetch: undici's fetch follows a signal through a
    // WeakRef, so once the garbage collector takes its copy of the request, an abort no longer
    // reaches a body that never comes (nodejs/node#55428). Cancelling our own reader always does,
    // and the attempt stops waiting whatever the body does. The timer covers the whole attempt.
    const attempt = new AbortController();
    let isTimeout = false;
    let answered: Response | undefined;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    let stopWaiting: (reason: unknown) => void = () => {};
    const stopped = new Promise<never>((_, reject) => {
      stopWaiting = reject;
    });
    stopped.catch(() => {});
    const end = (reason: unknown) => {
      attempt.abort(reason);
      reader?.cancel(reason).catch(() => {});
      stopWaiting(reason);
    };
    const readText = async (stream: ReadableStream<Uint8Array>): Promise<string> => {
      reader = stream.getReader();
      if (attempt.signal.aborted) reader.cancel(attempt.signal.reason).catch(() => {});
      const decoder = new TextDecoder();
      let text = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text + decoder.decode();
        text += decoder.decode(value, { stream: true });
      }
    };
    const timer = setTimeout(() => {
      isTimeout = true;
      end(new DOMException("The operation timed out", "TimeoutError"));
    }, timeoutMs);
    const onCallerAbort = () => end(signal?.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      if (signal?.aborted) onCallerAbort();
      const posted = api.POST(OPERATION.path, {
        body,
        params: { header: { Version: API_VERSION } },
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          "User-Agent": options.userAgent,
        },
        signal: attempt.signal,
        // A 2xx body is read below, as text, and judged by client.ts: one that is not JSON is an
        // answer to report, not a crash.
        parseAs: "stream",
        // Noted before the body is read, so that a body cut short is told apart from no answer. The
        // hooks are told here rather than through openapi-fetch's middleware, which costs a round of
        // awaits on every send.
        fetch: async (request: Request) => {
          const pending = request as unknown as PendingRequest;
          observe(pending);
          answered = await sendPendingRequest(pending, options.fetch);
          observe(pending, answered);
          if (answered.ok || answered.body === null) return answered;
          // openapi-fetch would read an error body itself, out of reach of a cancel: read it here
          // (errors are the rare path) and hand it over whole.
          const { status, statusText, headers } = answered;
          return new Response(await readText(answered.body), { status, statusText, headers });
        },
      });
      // Settles after the race is lost when the answer never comes: nothing waits for it then.
      posted.catch(() => {});
      const { response, data, error } = await Promise.race([posted, stopped]);
      if (!response.ok) return { isAnswered: true, response, body: error };
      const text = data ? await Promise.race([readText(data as ReadableStream<Uint8Array>), stopped]) : data;
      return { isAnswered: true, response, body: text };
    } catch (cause) {
      if (signal?.aborted && !isTimeout) throw signal.reason;
      return { isAnswered: false, cause, isTimeout, answeredStatus: answered?.status };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
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
