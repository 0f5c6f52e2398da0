import { afterEach, describe, expect, it, vi } from "vitest";
import { type ClientOptions, DEFAULT_OPTIONS, findBaseUrlProblem, normalizeOptions } from "../src/options.js";
import { TOKEN } from "./helpers.js";

const base: ClientOptions = { accessToken: TOKEN };

describe("normalizeOptions", () => {
  it("applies the documented defaults", () => {
    const resolved = normalizeOptions(base);
    expect(resolved).toMatchObject({
      baseUrl: "https://services.leadconnectorhq.com",
      timeoutMs: 30_000,
      maxRetries: 2,
      maxRetryAfterMs: 15_000,
      retryUnsafe: { serverError: false, timeout: false, connectionLost: false },
      canRefreshToken: false,
      fetch: undefined,
    });
    expect(resolved.userAgent).toMatch(/^ghl-inbound-client\/\d+\.\d+\.\d+/);
    expect(DEFAULT_OPTIONS.maxRetries).toBe(2);
  });

  it("holds a string token only inside a function", async () => {
    const resolved = normalizeOptions(base);
    expect(Object.values(resolved)).not.toContain(TOKEN);
    expect(await resolved.getAccessToken({ refresh: false, signal: undefined })).toBe(TOKEN);
  });

  it("marks a token function as able to refresh", () => {
    expect(normalizeOptions({ accessToken: () => TOKEN }).canRefreshToken).toBe(true);
  });

  it.each([
    ["true turns every unsafe retry on", true, { serverError: true, timeout: true, connectionLost: true }],
    ["false keeps them off", false, { serverError: false, timeout: false, connectionLost: false }],
    ["an object picks some", { timeout: true }, { serverError: false, timeout: true, connectionLost: false }],
  ] as const)("retryUnsafe: %s", (_name, retryUnsafe, want) => {
    expect(normalizeOptions({ ...base, retryUnsafe }).retryUnsafe).toEqual(want);
  });

  it.each([
    ["https", "https://services.leadconnectorhq.com/", "https://services.leadconnectorhq.com"],
    ["http on 127.0.0.1", "http://127.0.0.1:4010", "http://127.0.0.1:4010"],
    ["http on another loopback address", "http://127.1.2.3:4010", "http://127.1.2.3:4010"],
    ["http on localhost", "http://localhost:4010/", "http://localhost:4010"],
    ["http on [::1]", "http://[::1]:4010", "http://[::1]:4010"],
    ["a path prefix", "https://proxy.example.com/highlevel/", "https://proxy.example.com/highlevel"],
  ])("accepts a base URL with %s", (_name, baseUrl, want) => {
    expect(normalizeOptions({ ...base, baseUrl }).baseUrl).toBe(want);
  });

  it.each([
    ["plain http to a remote host", "http://services.leadconnectorhq.com", /must use https/],
    ["plain http to a private address", "http://10.0.0.5:8080", /must use https/],
    ["plain http to a name that merely starts with 127", "http://127.0.0.1.example.com", /must use https/],
    ["another scheme", "ftp://example.com", /must use https/],
    ["a relative URL", "/api", /not an absolute URL/],
    ["credentials", "https://user:secret@example.com", /must not contain credentials/],
    ["a query", "https://example.com/?a=1", /query/],
  ])("refuses a base URL with %s", (_name, baseUrl, message) => {
    expect(() => normalizeOptions({ ...base, baseUrl })).toThrow(message);
  });

  it("says the same through findBaseUrlProblem, with the caller's words for where the token goes", () => {
    expect(findBaseUrlProblem("https://example.com/api/", "unused")).toBeUndefined();
    expect(findBaseUrlProblem("http://10.0.0.5:8080", "unused")).toMatch(/^must use https/);
    expect(findBaseUrlProblem("https://user:hunter2@example.com", "the token goes elsewhere")).toBe(
      "must not contain credentials; the token goes elsewhere",
    );
  });

  it("does not quote a base URL holding credentials", () => {
    expect(() => normalizeOptions({ ...base, baseUrl: "https://user:hunter2@example.com" })).not.toThrow(
      /hunter2/,
    );
  });

  it.each([
    ["an empty token", ""],
    ["a token with a line break", `${TOKEN}\n`],
    ["a token with a space", `Bearer ${TOKEN}`],
    ["a token that is not a string", 42],
    ["no token", undefined],
  ])("refuses %s without quoting it", (_name, accessToken) => {
    expect(() => normalizeOptions({ accessToken } as ClientOptions)).toThrow(TypeError);
    try {
      normalizeOptions({ accessToken } as ClientOptions);
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN);
    }
  });

  it.each([
    ["timeoutMs of 0", { timeoutMs: 0 }, /timeoutMs/],
    ["a negative timeoutMs", { timeoutMs: -1 }, /timeoutMs/],
    ["an infinite timeoutMs", { timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs/],
    ["a fractional maxRetries", { maxRetries: 1.5 }, /maxRetries/],
    ["a negative maxRetries", { maxRetries: -1 }, /maxRetries/],
    ["more than 10 retries", { maxRetries: 11 }, /maxRetries/],
    ["a negative maxRetryAfterMs", { maxRetryAfterMs: -1 }, /maxRetryAfterMs/],
    ["a fetch that is not a function", { fetch: "fetch" }, /fetch/],
    ["a hook that is not a function", { onRequest: {} }, /onRequest/],
    ["a user agent with a line break", { userAgent: "a\nb" }, /userAgent/],
    ["retryUnsafe that is neither boolean nor object", { retryUnsafe: "yes" }, /retryUnsafe/],
  ])("refuses %s", (_name, options, message) => {
    expect(() => normalizeOptions({ ...base, ...(options as Partial<ClientOptions>) })).toThrow(message);
  });
});

describe("the access token from the environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each<[string, ClientOptions | undefined]>([
    ["no options at all", undefined],
    ["empty options", {}],
    ["accessToken undefined, as process.env gives an unset variable", { accessToken: undefined }],
  ])("reads GHL_ACCESS_TOKEN with %s", async (_name, options) => {
    vi.stubEnv("GHL_ACCESS_TOKEN", TOKEN);
    const resolved = normalizeOptions(options);
    expect(await resolved.getAccessToken({ refresh: false, signal: undefined })).toBe(TOKEN);
    expect(resolved.canRefreshToken).toBe(false);
  });

  it("prefers the accessToken given", async () => {
    vi.stubEnv("GHL_ACCESS_TOKEN", "pit-from-the-environment");
    const resolved = normalizeOptions({ accessToken: TOKEN });
    expect(await resolved.getAccessToken({ refresh: false, signal: undefined })).toBe(TOKEN);
  });

  it.each([
    ["unset", undefined],
    ["empty", ""],
  ])(
    "refuses to create a client without a token when GHL_ACCESS_TOKEN is %s, naming the variable",
    (_name, value) => {
      vi.stubEnv("GHL_ACCESS_TOKEN", value);
      expect(() => normalizeOptions({})).toThrow(TypeError);
      expect(() => normalizeOptions({})).toThrow(
        /no access token\. Pass accessToken, or set the GHL_ACCESS_TOKEN environment variable/,
      );
    },
  );

  it("names the variable, never its value, when GHL_ACCESS_TOKEN holds something that cannot be a token", () => {
    vi.stubEnv("GHL_ACCESS_TOKEN", "pit-secret with a space");
    expect(() => normalizeOptions()).toThrow(/^GHL_ACCESS_TOKEN must be a non-empty string/);
    expect(() => normalizeOptions()).not.toThrow(/secret/);
  });
});
