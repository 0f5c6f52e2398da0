// `ghl-inbound send FILE [flags]` into SendFileOptions. The token comes from the environment only:
// a flag would put it in shell history and in `ps`.
import { parseArgs } from "node:util";
import { parseDurationMs, parseRateLimit } from "./duration.js";
import { INPUT_ENCODINGS, parseEncoding } from "./input-encoding.js";
import type { InputFormat } from "./input-source.js";
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_LIMIT, type SendFileOptions } from "./send-file.js";
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
  --concurrency N         requests in flight at once, 1-100 (default: ${DEFAULT_CONCURRENCY})
  --rate-limit N/TIME     budget, e.g. 100/10s, 10/1s, or "off" (default: ${DEFAULT_RATE_LIMIT}, HighLevel's burst limit)
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
    parsed = parseFlags(argv);
  } catch (error) {
    // node:util's messages name the flag ("Unknown option '--x'"), never a value that could be secret.
    throw new UsageError(error instanceof Error ? error.message : String(error));
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
  if (baseUrl !== undefined && baseUrl !== "") options.baseUrl = baseUrl;
  if (values.concurrency !== undefined)
    options.concurrency = parseInteger(values.concurrency, "--concurrency");
  if (values["rate-limit"] !== undefined) options.rateLimit = parseRateLimitFlag(values["rate-limit"]);
  if (values["rate-limit-key"] !== undefined) options.rateLimitKey = values["rate-limit-key"];
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

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
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
    },
  });
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
