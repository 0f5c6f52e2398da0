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

  it("replaces a very short token only where it stands as a credential, not inside words", () => {
    const body = { message: "Internal server error", hint: 'token="t" refused', header: "Bearer t" };
    expect(redactSecrets(body, ["t"])).toEqual({
      message: "Internal server error",
      hint: `token="${REDACTED}" refused`,
      header: `Bearer ${REDACTED}`,
    });
    const error = new Error("Internal server error");
    redactErrorChain(error, ["t"]);
    expect(error.message).toBe("Internal server error");
  });

  it("replaces a long token even where it is glued to other text", () => {
    expect(redactSecrets(`x${TOKEN}y`, [TOKEN])).toBe(`x${REDACTED}y`);
  });

  it("spells the placeholder as the mock does: one rule, from @ghl-inbound/limiter/rules", () => {
    expect(REDACTED).toBe("[REDACTED]");
  });

  it("survives a cause cycle", () => {
    const error = new Error(TOKEN);
    (error as { cause?: unknown }).cause = error;
    redactErrorChain(error, [TOKEN]);
    expect(error.message).toBe(REDACTED);
  });
});
