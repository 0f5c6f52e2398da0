// How a request that openapi-fetch built reaches fetch. openapi-fetch builds a `Request` and
// passes it to fetch; undici's fetch(request) then copies that Request and pipes its body through a
// new TransformStream. On a local round trip that copy alone cost about 90 us of 300 (packages/bench,
// 2 cores): the client spent more time building Requests than the server spent answering.
import type { FetchFunction } from "./options.js";

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
