import type { IncomingMessage } from "node:http";

export type RequestBody =
  | { ok: true; value: unknown; isJson: boolean; contentType: string | undefined }
  | { ok: false; status: number; problem: string /** A malformed body's text, as sent. */; text?: string };

/** Enough for any message with its attachment URLs; a bigger body is refused, not buffered. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const isJsonMediaType = (contentType: string): boolean => {
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[^/]+\+json$/.test(mediaType);
};

/**
 * Reads the body before Prism sees it, as a real server's body parser would: malformed JSON is a
 * 400 that says where it broke (Prism alone would never see it), and a body that is not JSON is
 * handed on as text, so that validation fails and the answer can name the Content-Type.
 */
export async function readRequestBody(
  request: IncomingMessage,
  maxBytes = MAX_BODY_BYTES,
): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // Keep draining so that the client gets the 413 instead of a reset, but stop buffering.
    if (size <= maxBytes) chunks.push(buffer);
  }
  if (size > maxBytes) {
    return {
      ok: false,
      status: 413,
      problem: `Request body is ${size} bytes; the mock accepts at most ${maxBytes}`,
    };
  }
  const contentType = request.headers["content-type"];
  if (size === 0) return { ok: true, value: undefined, isJson: false, contentType };
  const text = Buffer.concat(chunks).toString("utf8");
  if (contentType === undefined || !isJsonMediaType(contentType)) {
    return { ok: true, value: text, isJson: false, contentType };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown, isJson: true, contentType };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 400, problem: `Malformed JSON in the request body: ${reason}`, text };
  }
}
