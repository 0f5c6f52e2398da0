import { OPERATION_PATH } from "./spec.js";

export const VALID_HEADERS = {
  Authorization: "Bearer contract-test-token",
  Version: "2021-04-15",
  "Content-Type": "application/json",
} as const;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or `undefined` when there is none or it is not JSON. */
  json: unknown;
}

/**
 * POSTs to the mocked operation over real HTTP with plain `fetch`. `headers` override the valid
 * ones; `undefined` removes one. A string body is sent as is (malformed JSON), anything else as JSON.
 */
export async function postInbound(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<Answer> {
  const all: Record<string, string | undefined> = { ...VALID_HEADERS, ...headers };
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) if (value !== undefined) sent[name] = value;
  const response = await fetch(`${baseUrl}${OPERATION_PATH}`, {
    method: "POST",
    headers: sent,
    // A Blob without a type: fetch adds no Content-Type of its own, so a test can leave it out.
    body: new Blob([typeof body === "string" ? body : JSON.stringify(body)]),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
