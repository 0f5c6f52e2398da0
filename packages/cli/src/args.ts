// `ghl-inbound send FILE [flags]` into SendFileOptions. The token comes from the environment only:
// a flag would put it in shell history and in `ps`.
import { parseArgs } from "node:util";
import { findBaseUrlProblem } from "@ghl-inbound/client";
import { findKeyProblem, looksLikeCredential } from "@ghl-inbound/limiter/rules";
import { parseDurationMs, parseRateLimit } from "./duration.js";
import { INPUT_ENCODINGS, parseEncoding } from "./input-encoding.js";
import type { InputFormat } from "./input-source.js";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_RATE_LIMIT,
  MAX_CONCURRENCY,
  type SendFileOptions,
} from "./send-file.js";
import { UsageError } from "./usage-error.js";

export const HELP = `Usage: ghl-inbound send FILE [options]

Backfills messages into HighLevel with "Add an inbound message": one request per line of FILE
(JSONL: one InboundMessageRequest per line; CSV: a header row naming the fields, "call.to" for
nested ones, ";" between the items of an array field). FILE "-" reads stdin.

Every line is checked against the spec first; if any is invalid, nothing is sent (exit 2).
A journal (FILE.journal) records each line before its request leaves and after the answer:
re-running the same command resumes, never sending a line twice. Lines sent by a run that was
killed before the answer are listed by altId and not resent unless --resend-unknown.

The access token is read from GHL_ACCESS_TOKEN (never from a flag, never printed).

Options:
  --base-url URL          API base URL (default: $GHL_BASE_URL, else https://services.leadconnectorhq.com)
  --concurrency N         requests in flight at once, 1-${MAX_CONCURRENCY} (default: ${DEFAULT_CONCURRENCY})
  --rate-limit N/TIME     budget, e.g. ${DEFAULT_RATE_LIMIT}, 10/1s, or "off" (default: ${DEFAULT_RATE_LIMIT}, HighLevel's burst limit);
                          narrowed, with a note, when the server's X-RateLimit headers allow less
  --rate-limit-key ID     what the budget counts against: the location id, as your live services use
                          (default: a hash of the token)
  --redis-url URL         share the budget through Redis with live services and other runs
  --out FILE              one JSON line per input line: line, altId, status, messageId or error ("-": stdout)
  --journal FILE          the journal (default: FILE.journal; required with FILE "-")
  --format jsonl|csv      input format (default: csv for a .csv file, else jsonl)
  --encoding NAME         the input's encoding: ${INPUT_ENCODINGS.join(", ")} (default: utf-8, checked)
  --timeout T             per request: no answer within T is a timeout, e.g. 30s (default: 30s)
  --dry-run               check and plan only; send nothing
  --skip-invalid          send the valid lines even if some are invalid (those are reported)
  --resend-unknown        also resend lines whose outcome is unknown (they may be added twice)
  --progress-interval T   how often to print a progress line when stderr is not a terminal (default: 10s)
  -h, --help              this help

Exit codes: 0 every line done, 1 some lines not done (failed, unknown, skipped), 2 nothing sent
(invalid lines, input changed since the journal, bad command line), 3 HighLevel's daily limit
reached (re-run after the reset), 130 interrupted (Ctrl-C or SIGTERM; re-run to resume).

Examples:
  export GHL_ACCESS_TOKEN=...                      # a location token
  ghl-inbound send history.jsonl --dry-run         # check every line, send nothing
  ghl-inbound send history.jsonl --rate-limit-key "$LOCATION_ID" --out results.jsonl
  ghl-inbound send history.jsonl --redis-url redis://10.0.0.5:6379 --rate-limit-key "$LOCATION_ID"
  ghl-inbound send history.csv --skip-invalid      # CSV: type,contactId,conversationProviderId,message,attachments
  export-tool | ghl-inbound send - --journal export.journal   # stdin: the journal has no file to sit beside
  ghl-inbound send history.jsonl                   # after Ctrl-C, a crash or the daily limit: resumes
`;

export type ParsedCommand = { kind: "help" } | { kind: "send"; options: SendFileOptions };

export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedCommand {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(withDashedValuesAttached(argv));
  } catch (error) {
    throw new UsageError(describeFlagError(error));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { kind: "help" };
  const [command, input, ...extra] = positionals;
  if (command !== "send")
    throw new UsageError(`unknown command "${command}"; the command is: ghl-inbound send FILE`);
  if (input === undefined) throw new UsageError("ghl-inbound send needs a FILE (or - for stdin)");
  if (extra.length > 0) throw new UsageError(`one FILE per run; also given: ${extra.join(" ")}`);

  const options: SendFileOptions = {
    input,
    accessToken: env.GHL_ACCESS_TOKEN,
    dryRun: values["dry-run"],
    skipInvalid: values["skip-invalid"],
    resendUnknown: values["resend-unknown"],
  };
  const baseUrl = values["base-url"] ?? env.GHL_BASE_URL;
  if (baseUrl !== undefined && baseUrl !== "") {
    checkBaseUrl(baseUrl, values["base-url"] !== undefined ? "--base-url" : "GHL_BASE_URL");
    options.baseUrl = baseUrl;
  }
  if (values.concurrency !== undefined)
    options.concurrency = parseInteger(values.concurrency, "--concurrency");
  if (values["rate-limit"] !== undefined) options.rateLimit = parseRateLimitFlag(values["rate-limit"]);
  if (values["rate-limit-key"] !== undefined) {
    checkRateLimitKey(values["rate-limit-key"], env.GHL_ACCESS_TOKEN);
    options.rateLimitKey = values["rate-limit-key"];
  }
  if (values["redis-url"] !== undefined) options.redisUrl = values["redis-url"];
  if (values.out !== undefined) options.out = values.out;
  if (values.journal !== undefined) options.journal = values.journal;
  if (values.format !== undefined) options.format = parseFormat(values.format);
  if (values.encoding !== undefined) {
    const encoding = parseEncoding(values.encoding);
    if (encoding === undefined)
      throw new UsageError(
        `--encoding must be one of ${INPUT_ENCODINGS.join(", ")}, not "${values.encoding}"`,
      );
    options.encoding = encoding;
  }
  if (values.timeout !== undefined) {
    const timeoutMs = parseDurationMs(values.timeout);
    if (timeoutMs === undefined || timeoutMs <= 0)
      throw new UsageError("--timeout must look like 30s or 500ms");
    options.timeoutMs = timeoutMs;
  }
  if (values["progress-interval"] !== undefined) {
    const intervalMs = parseDurationMs(values["progress-interval"]);
    if (intervalMs === undefined) throw new UsageError("--progress-interval must look like 10s or 500ms");
    options.progressIntervalMs = intervalMs;
  }
  return { kind: "send", options };
}

const FLAGS = {
  "base-url": { type: "string" },
  concurrency: { type: "string" },
  "rate-limit": { type: "string" },
  "rate-limit-key": { type: "string" },
  "redis-url": { type: "string" },
  out: { type: "string" },
  journal: { type: "string" },
  format: { type: "string" },
  encoding: { type: "string" },
  timeout: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  "skip-invalid": { type: "boolean", default: false },
  "resend-unknown": { type: "boolean", default: false },
  "progress-interval": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/**
 * `--rate-limit -5/1s` as `--rate-limit=-5/1s`: node:util reads a value starting with "-" after a flag as
 * "ambiguous", and the user would never hear what is wrong with -5/1s itself. "-" alone (stdin, stdout)
 * and another flag are left as they are.
 */
function withDashedValuesAttached(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const next = argv[index + 1];
    const name = arg.startsWith("--") ? arg.slice(2) : "";
    const takesValue = (FLAGS as Record<string, { type: string }>)[name]?.type === "string";
    if (takesValue && next !== undefined && /^-[^-h]/.test(next)) {
      args.push(`${arg}=${next}`);
      index++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

/** node:util's parse errors in this command's words: the flag, and the nearest real one for a typo. */
export function describeFlagError(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const name = flag.replace(/^-+/, "").split("=")[0]!;
    const nearest = nearestFlag(name);
    if (nearest !== undefined) return `unknown flag ${flag}; did you mean --${nearest}?`;
    if (/token|key|secret/i.test(name)) {
      return `unknown flag ${flag}: the access token is read from GHL_ACCESS_TOKEN only (a flag would put it in shell history)`;
    }
    return `unknown flag ${flag}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return FLAGS[flag.replace(/^-+/, "") as keyof typeof FLAGS]?.type === "boolean"
      ? `${flag} takes no value`
      : `${flag} needs a value, e.g. ${flag} ${EXAMPLE_VALUES[flag] ?? "VALUE"}`;
  }
  // Other node:util messages name the flag, never a value that could be secret.
  return message;
}

const EXAMPLE_VALUES: Record<string, string> = {
  "--rate-limit": DEFAULT_RATE_LIMIT,
  "--concurrency": "16",
  "--format": "csv",
  "--progress-interval": "10s",
  "--base-url": "http://127.0.0.1:4010",
};

/** The flag a typo most likely meant: at most a third of its letters away (dryrun -> dry-run). */
function nearestFlag(typed: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of Object.keys(FLAGS)) {
    const distance = editDistance(typed.toLowerCase(), name);
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(typed.length / 3))
    ? best.name
    : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: FLAGS,
  });
}

/**
 * The client's own check of a base URL (absolute, https except on loopback, no credentials, no query), its
 * message told in terms of what the user set: the flag or the variable, not the library's option name.
 */
function checkBaseUrl(baseUrl: string, source: "--base-url" | "GHL_BASE_URL"): void {
  const problem = findBaseUrlProblem(baseUrl, "the token goes in GHL_ACCESS_TOKEN");
  if (problem !== undefined) throw new UsageError(`${source} ${problem}`);
}

/** The limiter's rule for a key, in the flag's words; and never the token itself (keys are printed and stored). */
function checkRateLimitKey(key: string, accessToken: string | undefined): void {
  if (looksLikeCredential(key) || (accessToken !== undefined && accessToken !== "" && key === accessToken)) {
    throw new UsageError(
      "--rate-limit-key looks like an access token: pass the location id (keys are printed and stored in Redis)",
    );
  }
  const problem = findKeyProblem(key);
  if (problem !== undefined) throw new UsageError(`--rate-limit-key ${problem}`);
}

function parseInteger(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, not "${text}"`);
  return Number(text);
}

function parseRateLimitFlag(text: string): SendFileOptions["rateLimit"] {
  try {
    return parseRateLimit(text) ?? "off";
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseFormat(text: string): InputFormat {
  if (text !== "jsonl" && text !== "csv")
    throw new UsageError(`--format must be jsonl or csv, not "${text}"`);
  return text;
}
