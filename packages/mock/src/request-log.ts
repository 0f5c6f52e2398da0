import type { IncomingHttpHeaders } from "node:http";
import { REDACTED, redactAuthorization } from "@ghl-inbound/limiter/rules";

/** A request the mock received, as a consumer's test reads it back from `mock.requests`. */
export interface RecordedRequest {
  method: string;
  /** The path as sent, with its query string: `/conversations/messages/inbound?__code=400`. */
  path: string;
  /** Lower-case names, as Node reads them; the credentials in `authorization` and `cookie` are redacted. */
  headers: Record<string, string>;
  /** Parsed JSON; the text of a body that was not JSON (or was malformed); `undefined` for none. */
  body: unknown;
  receivedAt: Date;
  /** The status the mock answered with. */
  status: number;
}

/** Enough for any one test's requests; older ones are dropped so that a long-running mock does not grow. */
export const MAX_RECORDED_REQUESTS = 100;

export { REDACTED };

export interface RequestLog {
  add(request: RecordedRequest): void;
  /** Oldest first; a copy, so that later requests do not change what a test already read. */
  list(): RecordedRequest[];
  clear(): void;
}

export function createRequestLog(limit = MAX_RECORDED_REQUESTS): RequestLog {
  let requests: RecordedRequest[] = [];
  return {
    add(request) {
      requests.push(request);
      if (requests.length > limit) requests.splice(0, requests.length - limit);
    },
    list: () => [...requests],
    clear() {
      requests = [];
    },
  };
}

/**
 * Headers as a test may read them: a test asserts that a token was sent, and in what scheme, but
 * the token itself must not end up in a failing test's output or a CI log.
 */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const flat = Array.isArray(value) ? value.join(", ") : value;
    if (name === "authorization") result[name] = redactAuthorization(flat);
    else if (name === "cookie") result[name] = REDACTED;
    else result[name] = flat;
  }
  return result;
}
