// The command line's own words: a typo, a bad budget and a value starting with "-" each get a message that
// names the flag and what is wrong, never node:util's parser text.
import { describe, expect, it } from "vitest";
import { parseCommand } from "../src/args.js";

function usageMessage(...argv: string[]): string {
  try {
    parseCommand(["send", "history.jsonl", ...argv], {});
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(" ")}`);
}

describe("flag errors", () => {
  it.each([
    [["--dryrun"], "unknown flag --dryrun; did you mean --dry-run?"],
    [["--rate-limt", "10/1s"], "unknown flag --rate-limt; did you mean --rate-limit?"],
    [["--resend-unknwon"], "unknown flag --resend-unknwon; did you mean --resend-unknown?"],
    [["--frobnicate"], "unknown flag --frobnicate"],
    [["--ratelimit-key", "loc"], "unknown flag --ratelimit-key; did you mean --rate-limit-key?"],
    [
      ["--api-key", "x"],
      "unknown flag --api-key: the access token is read from GHL_ACCESS_TOKEN only (a flag would put it in shell history)",
    ],
    [["--rate-limit"], "--rate-limit needs a value, e.g. --rate-limit 100/10s"],
    [["--dry-run=yes"], "--dry-run takes no value"],
  ])("%j: %s", (argv, message) => {
    expect(usageMessage(...argv)).toBe(message);
  });

  it("never prints node:util's advice about '--' and positionals", () => {
    expect(usageMessage("--dryrun")).not.toContain("positional");
  });
});

describe("--rate-limit values", () => {
  it("says a negative count is not a budget, even written after a space", () => {
    expect(usageMessage("--rate-limit", "-5/1s")).toBe(
      '--rate-limit needs a whole number of requests of at least 1 before the "/", not -5 ("-5/1s" would send nothing); "off" sends without a budget',
    );
  });

  it("says 0/10s has the right shape but sends nothing", () => {
    expect(usageMessage("--rate-limit", "0/10s")).toContain("at least 1");
    expect(usageMessage("--rate-limit", "0/10s")).not.toContain("must look like");
  });

  it("names the interval when only it is wrong", () => {
    expect(usageMessage("--rate-limit", "10/soon")).toBe(
      '--rate-limit needs an interval such as 10s, 1s or 500ms after the "/", not "soon"',
    );
  });

  it("says what a budget looks like when there is no '/'", () => {
    expect(usageMessage("--rate-limit", "fast")).toBe(
      '--rate-limit must look like 100/10s (requests/interval) or be "off", not "fast"',
    );
  });

  it("still takes - as a value (stdout for --out)", () => {
    const command = parseCommand(["send", "history.jsonl", "--out", "-"], {});
    expect(command.kind === "send" && command.options.out).toBe("-");
  });

  it("reads a negative --concurrency as its value and refuses it by name", () => {
    expect(usageMessage("--concurrency", "-3")).toBe('--concurrency must be a whole number, not "-3"');
  });
});

describe("base URL and rate-limit key errors name what the user set", () => {
  function messageFor(argv: string[], env: NodeJS.ProcessEnv = {}): string {
    try {
      parseCommand(["send", "history.jsonl", ...argv], env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("accepted");
  }

  it("names --base-url when the flag was given", () => {
    const message = messageFor(["--base-url", "http://example.com"]);
    expect(message).toMatch(/^--base-url must use https/);
    expect(message).not.toContain("createHighLevelClient");
  });

  it("names GHL_BASE_URL when the variable was set", () => {
    expect(messageFor([], { GHL_BASE_URL: "127.0.0.1 port 4010" })).toMatch(
      /^GHL_BASE_URL is not an absolute URL/,
    );
  });

  it("says where the token goes when the URL carries credentials", () => {
    expect(messageFor(["--base-url", "https://user:secret@example.com"])).toBe(
      "--base-url must not contain credentials; the token goes in GHL_ACCESS_TOKEN",
    );
  });

  it("names --rate-limit-key, not the limiter's option", () => {
    const message = messageFor(["--rate-limit-key", ""]);
    expect(message).toMatch(/^--rate-limit-key must be a non-empty string/);
    expect(message).not.toContain("Rate limiter option");
  });

  it("refuses the token as --rate-limit-key, in the flag's words", () => {
    const token = "some-location-token-value";
    expect(messageFor(["--rate-limit-key", token], { GHL_ACCESS_TOKEN: token })).toBe(
      "--rate-limit-key looks like an access token: pass the location id (keys are printed and stored in Redis)",
    );
    expect(messageFor(["--rate-limit-key", "Bearer abc"])).toContain("looks like an access token");
  });
});
