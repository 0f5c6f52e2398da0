import { describe, expect, it } from "vitest";
import {
  looksLikeCredential,
  REDACTED,
  redactAuthorization,
  redactSecretsInText,
} from "../src/credentials.js";

describe("redactSecretsInText", () => {
  it.each([
    ["a short token inside words is left alone", "Internal server error", ["t"], "Internal server error"],
    ["a short token standing alone is replaced", 'token "t" refused', ["t"], `token "${REDACTED}" refused`],
    ["a short token after a scheme is replaced", "Bearer t", ["t"], `Bearer ${REDACTED}`],
    [
      "a long token is replaced even glued to text",
      "xpit-0123456789abcdefy",
      ["pit-0123456789abcdef"],
      `x${REDACTED}y`,
    ],
    ["a JWT before a full stop is replaced", "bad token eyJa.b.c.", ["eyJa.b.c"], `bad token ${REDACTED}.`],
    ["an empty secret changes nothing", "text", [""], "text"],
  ])("%s", (_, text, secrets, expected) => {
    expect(redactSecretsInText(text, secrets)).toBe(expected);
  });
});

describe("redactAuthorization", () => {
  it.each([
    ["Bearer eyJhbGciOi.secret", `Bearer ${REDACTED}`],
    ["secret-token-value", REDACTED],
  ])("%s -> %s", (value, expected) => {
    expect(redactAuthorization(value)).toBe(expected);
  });
});

describe("looksLikeCredential", () => {
  it.each([
    ["Bearer abc", true],
    ["pit-1234", true],
    ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", true],
    ["ve9EPM428h8vShlRW1KT", false],
  ])("%s: %s", (text, expected) => {
    expect(looksLikeCredential(text)).toBe(expected);
  });
});
