import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../src/classify.js";
import { ConnectionError, HighLevelError, RequestTimeoutError, ValidationError } from "../src/errors.js";
import {
  isAuthenticationError,
  isBadRequestError,
  isConnectionError,
  isHighLevelError,
  isHttpError,
  isMessageInterruptedError,
  isMessageSkippedError,
  isNotFoundError,
  isPermissionDeniedError,
  isRateLimitError,
  isRateLimitStoreUnavailableError,
  isRateLimitWaitError,
  isRequestTimeoutError,
  isServerError,
  isUnexpectedResponseError,
  isUnprocessableEntityError,
  isValidationError,
} from "../src/guards.js";
import * as source from "../src/index.js";
import { answerOf, REQUEST } from "./helpers.js";

// The built package: a second copy of every class, as when two versions end up in node_modules.
// Loaded through a computed URL so that typechecking does not need a build.
const distUrl = new URL("../dist/index.js", import.meta.url).href;
const built = (await import(distUrl)) as typeof source;

/** The CommonJS build run in a realm of its own (a vm context), where even `instanceof Error` fails. */
function loadInAnotherRealm(): typeof source {
  const file = new URL("../dist/index.cjs", import.meta.url);
  const module = { exports: {} };
  const wrapped = `(function (module, exports, require) {${readFileSync(file, "utf8")}\n})`;
  runInNewContext(wrapped)(module, module.exports, createRequire(file));
  return module.exports as typeof source;
}

const request = REQUEST;
/** The brand's key, spelled out as another copy (or a reader) would. */
const BRAND = Symbol.for("ghl-inbound.HighLevelError");
const answer = (status: number) => answerOf(status);

describe("type guards", () => {
  const statuses = [400, 401, 403, 404, 422, 429, 500, 201];
  it.each([
    [400, isBadRequestError],
    [401, isAuthenticationError],
    [403, isPermissionDeniedError],
    [404, isNotFoundError],
    [422, isUnprocessableEntityError],
    [429, isRateLimitError],
    [500, isServerError],
    [201, isUnexpectedResponseError],
  ] as const)("recognise the error for %i, and only that one", (status, guard) => {
    const all = statuses.map((each) => errorFromResponse(answer(each)));
    expect(all.filter((error) => guard(error)).map((error) => error.status)).toEqual([status]);
  });

  it("group every 4xx/5xx class under isHttpError", () => {
    expect(statuses.filter((status) => isHttpError(errorFromResponse(answer(status))))).toEqual(
      statuses.filter((status) => status >= 400),
    );
    expect(isHttpError(new built.UnprocessableEntityError(answer(422)))).toBe(true);
    expect(isUnprocessableEntityError(new built.UnprocessableEntityError(answer(422)))).toBe(true);
    expect(isNotFoundError(new built.UnprocessableEntityError(answer(422)))).toBe(false);
  });

  it("recognise errors created by another copy of the package, where instanceof fails", () => {
    const foreign = new built.ValidationError(request, []);
    expect(foreign instanceof HighLevelError).toBe(false);
    expect(isHighLevelError(foreign)).toBe(true);
    expect(isValidationError(foreign)).toBe(true);
    const foreignTimeout = new built.RequestTimeoutError({ ...request, timeoutMs: 1 }, { cause: null });
    expect(isRequestTimeoutError(foreignTimeout)).toBe(true);
    expect(
      built.isRequestTimeoutError(new RequestTimeoutError({ ...request, timeoutMs: 1 }, { cause: null })),
    ).toBe(true);
  });

  it("do not take the platform's DOMException named TimeoutError for ours", async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => signal.addEventListener("abort", resolve));
    expect((signal.reason as Error).name).toBe("TimeoutError");
    expect(isRequestTimeoutError(signal.reason)).toBe(false);
    expect(isHighLevelError(signal.reason)).toBe(false);
  });

  it("recognise errors from another realm, where instanceof Error fails too", () => {
    const foreign = new (loadInAnotherRealm().ValidationError)(request, []);
    expect(foreign instanceof Error).toBe(false);
    expect(isHighLevelError(foreign)).toBe(true);
    expect(isValidationError(foreign)).toBe(true);
    expect(isHttpError(foreign)).toBe(false);
  });

  it("reject an Error named like ours that has every field ours have, and non-errors", () => {
    const lookalike = Object.assign(new Error("x"), {
      name: "ValidationError",
      mayHaveBeenAdded: false,
      method: "POST",
      url: request.url,
      issues: [],
    });
    expect(isHighLevelError(lookalike)).toBe(false);
    expect(isValidationError(lookalike)).toBe(false);
    expect(isConnectionError(Object.assign(new Error("x"), { name: "ConnectionError" }))).toBe(false);
    for (const value of [undefined, null, "ValidationError", { name: "ValidationError" }]) {
      expect(isHighLevelError(value)).toBe(false);
    }
    expect(
      isConnectionError(
        new ConnectionError(
          { ...request, code: "ECONNRESET", reason: "lost the connection", mayHaveBeenAdded: true },
          { cause: null },
        ),
      ),
    ).toBe(true);
    expect(isValidationError(new ValidationError(request, []))).toBe(true);
  });

  it("leave what an error shows as it was: the brand is not enumerable", () => {
    const error = errorFromResponse(answer(429));
    expect(isRateLimitError(error)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(error, BRAND)).toMatchObject({
      value: true,
      enumerable: false,
    });
    expect(Object.getOwnPropertySymbols({ ...error })).toEqual([]);
    expect(inspect(error)).not.toContain("ghl-inbound");
  });

  it("hold for an error renamed by the caller (a subclass of its own, in JavaScript)", () => {
    const renamed = Object.assign(new ValidationError(request, []), { name: "AppValidationError" });
    expect(isHighLevelError(renamed)).toBe(true);
    expect(isValidationError(renamed)).toBe(true);
    expect(isHttpError(renamed)).toBe(false);
  });

  it("take an error of another copy under a name this one does not know for a HighLevelError, and no more", () => {
    // As a class added by a newer release would be, in a dependency's copy.
    const newer = Object.assign(new built.ValidationError(request, []), { name: "SomeNewerError" });
    expect(isHighLevelError(newer)).toBe(true);
    expect(isValidationError(newer)).toBe(false);
    expect(isHttpError(newer)).toBe(false);
  });

  it("exist for every error class the package exports, each true for its class", () => {
    const classes = Object.entries(source as Record<string, unknown>).flatMap(([name, value]) =>
      typeof value === "function" && (value === HighLevelError || value.prototype instanceof HighLevelError)
        ? [[name, value as typeof HighLevelError] as const]
        : [],
    );
    expect(classes).toHaveLength(18);
    const guards = source as unknown as Record<string, ((value: unknown) => boolean) | undefined>;
    for (const [name, errorClass] of classes) {
      // An instance without its constructor's arguments: the prototype, and the brand the constructor sets.
      const instance = Object.defineProperty(Object.create(errorClass.prototype), BRAND, { value: true });
      expect(guards[`is${name}`], `is${name}`).toBeTypeOf("function");
      expect(guards[`is${name}`]?.(instance), name).toBe(true);
    }
  });

  it("recognise each error of the limiter and of bulk sending, and only that one, also from another copy", () => {
    const make = (copy: typeof source) => [
      new copy.RateLimitWaitError(
        { ...request, key: "k", waitedMs: 0, retryInMs: 1, maxWaitMs: 0 },
        { cause: null },
      ),
      new copy.RateLimitStoreUnavailableError(
        { ...request, key: "k", timeoutMs: undefined, reason: "r" },
        { cause: null },
      ),
      new copy.MessageSkippedError({ ...request, reason: "aborted" }, { cause: null }),
      new copy.MessageInterruptedError({ ...request, isAborted: true }, { cause: null }),
    ];
    const guards = [
      isRateLimitWaitError,
      isRateLimitStoreUnavailableError,
      isMessageSkippedError,
      isMessageInterruptedError,
    ];
    for (const errors of [make(source), make(built)]) {
      expect(errors.every((error) => isHighLevelError(error))).toBe(true);
      expect(errors.some((error) => isHttpError(error))).toBe(false);
      guards.forEach((guard, position) => {
        expect(errors.map((error) => guard(error))).toEqual(errors.map((_, index) => index === position));
      });
    }
  });
});
