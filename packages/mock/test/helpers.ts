import { connect } from "node:net";

export const OPERATION_PATH = "/conversations/messages/inbound";

export const VALID_HEADERS = {
  Authorization: "Bearer mock-test-token",
  Version: "2021-04-15",
  "Content-Type": "application/json",
} as const;

export const VALID_BODY = {
  type: "SMS",
  contactId: "ve9EPM428h8vShlRW1KT",
  conversationProviderId: "61d6d1f9cdac7612faf80753",
  message: "Hi",
} as const;

/** POSTs to the operation with the valid headers, overridden (or removed with `undefined`) per test. */
export async function postMessage(
  baseUrl: string,
  body: unknown = VALID_BODY,
  headers: Record<string, string | undefined> = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const all: Record<string, string | undefined> = { ...VALID_HEADERS, ...headers };
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) if (value !== undefined) merged[name] = value;
  const response = await fetch(`${baseUrl}${OPERATION_PATH}`, {
    method: "POST",
    headers: merged,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** Resolves true when something accepts a TCP connection on the port, false when it is refused. */
export function isListening(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
