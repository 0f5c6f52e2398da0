import type { IncomingHttpHeaders } from "node:http";

/**
 * CORS for a frontend dev server on another origin (localhost:5173 calling the mock on :4010).
 * The origin is echoed rather than `*` so that a page that sends credentials works too, and the
 * preflight allows whatever headers the page asks for (Authorization, Version, Content-Type,
 * Prefer): the mock is a development tool, not a security boundary.
 */
export function corsHeaders(request: IncomingHttpHeaders): Record<string, string> {
  const origin = request.origin;
  if (origin === undefined) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    Vary: "Origin",
  };
}

export function isPreflight(method: string | undefined, request: IncomingHttpHeaders): boolean {
  return (
    method === "OPTIONS" &&
    request.origin !== undefined &&
    request["access-control-request-method"] !== undefined
  );
}

export function preflightHeaders(request: IncomingHttpHeaders): Record<string, string> {
  return {
    ...corsHeaders(request),
    "Access-Control-Allow-Methods": request["access-control-request-method"] ?? "POST",
    "Access-Control-Allow-Headers":
      request["access-control-request-headers"] ?? "Authorization, Version, Content-Type, Prefer",
    "Access-Control-Max-Age": "600",
  };
}

/** Lets page scripts read the rate-limit and violation headers (only safelisted ones are readable otherwise). */
export function exposeHeaders(names: Iterable<string>): Record<string, string> {
  const list = [...names].filter(
    (name) => !/^(content-type|content-length|access-control-|vary$)/i.test(name),
  );
  return list.length > 0 ? { "Access-Control-Expose-Headers": list.join(", ") } : {};
}
