// The built package, loaded as a user loads it: `require()` and `import` of "@ghl-inbound/client"
// (resolved through package.json `exports`) in a separate Node process, sending a real request.
// openapi-fetch 0.17's CommonJS build breaks when it is bundled into a "type": "module" package's
// CJS output, so the sources passing is not enough. rate-limit-processes.test.ts runs the built
// package's limiter wiring and bulk sending in separate processes, through both as well. The child runs
// with eval and new Function disabled, as under a strict Content-Security-Policy in a browser. Both
// builds loaded into one process are two copies of every class: their guards must still agree.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runNodeForOutput } from "@ghl-inbound/test-support/json-process";
import { beforeAll, describe, expect, it } from "vitest";
import { SMS, SUCCESS, startMisbehavingServer, TOKEN } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Runs `node <args>` in this package's directory, beside `server`, and parses the JSON it prints. */
async function runAgainst(server: { url: string }, args: string[]): Promise<Record<string, unknown>> {
  const output = await runNodeForOutput(args, {
    cwd: packageDir,
    env: { TOKEN, BASE_URL: server.url, BODY: JSON.stringify(SMS) },
    timeoutMs: 20_000,
  });
  return JSON.parse(output);
}

/** Runs in the child: success, then a 201 with no body, then a refused body; prints what it saw. */
const script = (load: string) => `
${load}
const client = c.createHighLevelClient({ accessToken: process.env.TOKEN, baseUrl: process.env.BASE_URL, maxRetries: 0 });
const body = JSON.parse(process.env.BODY);
const seen = {};
const nameOf = (promise) => promise.then(() => "resolved", (error) => error.name + ":" + (error instanceof c.HighLevelError));
(async () => {
  seen.data = await client.addInboundMessage(body);
  seen.empty201 = await nameOf(client.addInboundMessage(body));
  seen.invalid = await nameOf(client.addInboundMessage({ type: "Fax" }));
  seen.exports = Object.keys(c).sort();
  console.log(JSON.stringify(seen));
})().catch((error) => { console.error(error); process.exit(1); });
`;

beforeAll(() => {
  if (!existsSync(new URL("../dist/index.cjs", import.meta.url))) {
    throw new Error("packages/client/dist is missing: run `pnpm build` first (turbo's test task does)");
  }
});

describe.each([
  ["require()", "commonjs", 'const c = require("@ghl-inbound/client");'],
  ["import", "module", 'const c = await import("@ghl-inbound/client");'],
])("the built package through %s", (_name, inputType, load) => {
  it("sends a real request, rejects an empty 201 and refuses a bad body", async () => {
    const server = await startMisbehavingServer([{ status: 200, json: SUCCESS }, { status: 201 }]);
    try {
      // As a page whose Content-Security-Policy forbids 'unsafe-eval': validation must not compile code.
      const flags = ["--disallow-code-generation-from-strings", `--input-type=${inputType}`];
      const seen = await runAgainst(server, [...flags, "-e", script(load)]);
      expect(seen.data).toEqual(SUCCESS);
      expect(seen.empty201).toBe("UnexpectedResponseError:true");
      expect(seen.invalid).toBe("ValidationError:true");
      expect(seen.exports).toEqual(
        expect.arrayContaining([
          "createHighLevelClient",
          "RateLimitError",
          "parseRetryAfterMs",
          "sendInboundMessages",
          "validateInboundMessage",
          "RateLimitWaitError",
        ]),
      );
      expect(server.requests).toHaveLength(2);
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await server.close();
    }
  });
});

describe("both builds in one process, as when a dependency require()s the package and the app imports it", () => {
  it("recognise each other's errors through their guards, though instanceof cannot", async () => {
    // Every request is answered 429: each build's client throws a RateLimitError of its own classes.
    const server = await startMisbehavingServer({ status: 429, headers: { "Retry-After": "60" } });
    try {
      const script = `
import { createRequire } from "node:module";
const cjs = createRequire(process.cwd() + "/")("@ghl-inbound/client");
const esm = await import("@ghl-inbound/client");
const body = JSON.parse(process.env.BODY);
const thrown = async (c) => {
  const client = c.createHighLevelClient({ accessToken: process.env.TOKEN, baseUrl: process.env.BASE_URL, maxRetries: 0 });
  return [await client.addInboundMessage(body).catch((error) => error), await client.addInboundMessage({}).catch((error) => error)];
};
const seen = {};
for (const [name, thrower, checker] of [["cjs by esm", cjs, esm], ["esm by cjs", esm, cjs]]) {
  const [limited, invalid] = await thrown(thrower);
  seen[name] = {
    names: [limited.name, invalid.name],
    isInstanceOfOther: limited instanceof checker.HighLevelError,
    isHighLevelError: checker.isHighLevelError(limited),
    isHttpError: checker.isHttpError(limited),
    isRateLimitError: checker.isRateLimitError(limited),
    isServerError: checker.isServerError(limited),
    isValidationError: checker.isValidationError(invalid),
    isHttpErrorForInvalid: checker.isHttpError(invalid),
  };
}
console.log(JSON.stringify(seen));`;
      const seen = await runAgainst(server, ["--input-type=module", "-e", script]);
      const recognised = {
        names: ["RateLimitError", "ValidationError"],
        isInstanceOfOther: false,
        isHighLevelError: true,
        isHttpError: true,
        isRateLimitError: true,
        isServerError: false,
        isValidationError: true,
        isHttpErrorForInvalid: false,
      };
      expect(seen).toEqual({ "cjs by esm": recognised, "esm by cjs": recognised });
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});

describe("the built package without rateLimit", () => {
  it("loads no limiter through require(), until a client with rateLimit sends", async () => {
    const server = await startMisbehavingServer({ status: 200, json: SUCCESS });
    try {
      const script = `
const isLimiterLoaded = () => Object.keys(require.cache).some((path) => path.includes("limiter/dist"));
const c = require("@ghl-inbound/client");
const body = JSON.parse(process.env.BODY);
const seen = { atLoad: isLimiterLoaded() };
(async () => {
  await c.createHighLevelClient({ accessToken: process.env.TOKEN, baseUrl: process.env.BASE_URL }).addInboundMessage(body);
  seen.afterPlainSend = isLimiterLoaded();
  const limited = c.createHighLevelClient({ accessToken: process.env.TOKEN, baseUrl: process.env.BASE_URL, rateLimit: {} });
  seen.afterCreation = isLimiterLoaded();
  await limited.addInboundMessage(body);
  seen.afterLimitedSend = isLimiterLoaded();
  console.log(JSON.stringify(seen));
})();`;
      expect(await runAgainst(server, ["--input-type=commonjs", "-e", script])).toEqual({
        atLoad: false,
        afterPlainSend: false,
        afterCreation: false,
        afterLimitedSend: true,
      });
    } finally {
      await server.close();
    }
  });

  it("reaches the limiter in its ES module build only through import(), in a chunk of its own", () => {
    const dist = new URL("../dist/", import.meta.url);
    const entry = readFileSync(new URL("index.js", dist), "utf8");
    expect(entry).not.toMatch(/(?:from|import)\s*["']@ghl-inbound\/limiter["']/);
    expect(entry).toMatch(/import\(["']\.\/rate-limit-[\w-]+\.js["']\)/);
    const chunks = readdirSync(dist).filter((name) => name.startsWith("rate-limit-") && name.endsWith(".js"));
    expect(chunks).toHaveLength(1);
    expect(readFileSync(new URL(chunks[0]!, dist), "utf8")).toMatch(/from\s*["']@ghl-inbound\/limiter["']/);
  });
});
