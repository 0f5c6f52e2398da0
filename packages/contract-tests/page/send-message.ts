import { API_VERSION, type InboundMessageRequest, OPERATION } from "@ghl-inbound/types";

export interface SendOptions {
  baseUrl: string;
  /** Empty: no Authorization header is sent (the mock answers 401). */
  accessToken: string;
  /** Prism's Prefer header, to make the mock answer an error on purpose. */
  prefer?: string;
}

export type SendResult =
  | { ok: true; status: number; data: unknown }
  | { ok: false; status: number; error: unknown };

/**
 * The only place the page talks to the API, with plain fetch for now. When @ghl-inbound/client
 * lands, this body becomes `createHighLevelClient({ accessToken, baseUrl, fetch }).addInboundMessage(body)`
 * (with Prefer added by a middleware) and nothing else in the page changes.
 */
export async function sendInboundMessage(
  options: SendOptions,
  body: InboundMessageRequest,
): Promise<SendResult> {
  const headers: Record<string, string> = { Version: API_VERSION, "Content-Type": "application/json" };
  if (options.accessToken !== "") headers.Authorization = `Bearer ${options.accessToken}`;
  if (options.prefer) headers.Prefer = options.prefer;
  const response = await fetch(new URL(OPERATION.path, options.baseUrl), {
    method: OPERATION.method,
    headers,
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text === "" ? undefined : JSON.parse(text);
  return response.ok
    ? { ok: true, status: response.status, data: parsed }
    : { ok: false, status: response.status, error: parsed };
}
