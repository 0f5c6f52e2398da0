import { type ClientOptions, createHighLevelClient, type HighLevelClient } from "@ghl-inbound/client";

/** What one request asked of the mock: a fixed `Prefer`, or one chosen per request (by its token, say). */
export type PreferChoice = string | ((request: Request) => string | undefined);

export interface ObservedClient {
  client: HighLevelClient;
  /** Every request the client handed to fetch, in order: its length is the number of sends. */
  sent: Request[];
  /** The JSON body of each request, parsed from what went over the wire. */
  bodies: unknown[];
  /** A copy of every answer, in order, for the test to read the raw body the client judged. */
  answers: Response[];
}

/**
 * `createHighLevelClient()` against a real server, through the client's public `fetch` option:
 * the wrapper records each request and answer and passes it on, unchanged but for `Prefer`, to
 * the real `globalThis.fetch`. The client has no per-request header option, and `Prefer` is how
 * Prism is told which documented answer to give, so this is the one place a test can set it.
 * Nothing is faked: every request reaches the mock over HTTP.
 */
export function createObservedClient(
  options: Omit<ClientOptions, "fetch"> & { prefer?: PreferChoice },
): ObservedClient {
  const { prefer, ...clientOptions } = options;
  const sent: Request[] = [];
  const bodies: unknown[] = [];
  const answers: Response[] = [];
  const client = createHighLevelClient({
    ...clientOptions,
    async fetch(request) {
      const preference = typeof prefer === "function" ? prefer(request) : prefer;
      if (preference !== undefined) request.headers.set("Prefer", preference);
      sent.push(request);
      bodies.push(JSON.parse(await request.clone().text()));
      const response = await fetch(request);
      answers.push(response.clone());
      return response;
    },
  });
  return { client, sent, bodies, answers };
}
