/** The ids a success body names the same as the request did. */
const ECHOED_IDS = ["conversationId", "contactId"] as const;

/**
 * HighLevel's success body names the conversation and the contact the message went to. The spec's
 * example (and a generated body) names others, so a frontend that shows "added to conversation X"
 * would show the wrong one: a 2xx body carries the ids the request sent instead. An id the request
 * did not send (a conversationId found from a contactId) stays as the spec's example gives it.
 */
export function withEchoedIds(status: number, body: unknown, requestBody: unknown): unknown {
  if (status < 200 || status > 299 || !isObject(body) || !isObject(requestBody)) return body;
  const echoed = { ...body };
  for (const name of ECHOED_IDS) {
    const sent = requestBody[name];
    if (typeof sent === "string" && name in body) echoed[name] = sent;
  }
  return echoed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
