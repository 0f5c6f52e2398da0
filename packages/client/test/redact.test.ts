import { describe, expect, it } from "vitest";
import {
  headersToRecord,
  REDACTED,
  redactErrorChain,
  redactRequestHeaders,
  redactSecrets,
} from "../src/redact.js";
import { TOKEN } from "./helpers.js";

describe("redaction", () => {
  it("replaces Authorization in request headers and lower-cases names", () => {
    const headers = new Headers({ Authorization: `Bearer ${TOKEN}`, Version: "2021-04-15" });
    expect(redactRequestHeaders(headers, [TOKEN])).toEqual({
      authorization: REDACTED,
      version: "2021-04-15",
    });
  });

  it("replaces the token wherever a server echoed it in response headers", () => {
    const headers = new Headers({ "WWW-Authenticate": `Bearer realm="x", token="${TOKEN}"` });
    expect(headersToRecord(headers, [TOKEN])["www-authenticate"]).toBe(
      `Bearer realm="x", token="${REDACTED}"`,
    );
  });

  it("replaces every token, at any depth of a parsed body, without touching the original", () => {
    const body = {
      message: `bad ${TOKEN}`,
      details: [{ seen: `${TOKEN}-old and ${TOKEN}` }],
      statusCode: 401,
    };
    const copy = redactSecrets(body, [TOKEN, `${TOKEN}-old`]);
    expect(JSON.stringify(copy)).not.toContain(TOKEN);
    expect(copy).toEqual({
      message: `bad ${REDACTED}`,
      details: [{ seen: `${REDACTED}-old and ${REDACTED}` }],
      statusCode: 401,
    });
    expect(body.message).toContain(TOKEN);
  });

  it("scrubs the message and stack of an error and of its causes", () => {
    const inner = new SyntaxError(`Unexpected token in "${TOKEN}"`);
    const outer = new Error("wrapper", { cause: inner });
    redactErrorChain(outer, [TOKEN]);
    expect(inner.message).toBe(`Unexpected token in "${REDACTED}"`);
    expect(inner.stack).not.toContain(TOKEN);
  });

  it("survives a cause cycle", () => {
    const error = new Error(TOKEN);
    (error as { cause?: unknown }).cause = error;
    redactErrorChain(error, [TOKEN]);
    expect(error.message).toBe(REDACTED);
  });
});
