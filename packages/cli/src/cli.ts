// The `ghl-inbound` command: flags in, an exit code out. Ctrl-C (or SIGTERM) once stops gracefully;
// a second time exits at once, and the journal, fsynced record by record, stays whole.
import { HELP, parseCommand } from "./args.js";
import { EXIT_CODES } from "./exit-codes.js";
import { JournalDamagedError } from "./journal.js";
import { JournalLockedError } from "./journal-lock.js";
import { lineAboveProgress, restoreTerminal } from "./progress.js";
import { RedisConnectionError } from "./redis-connection.js";
import { sendFile } from "./send-file.js";
import { InputError, UsageError } from "./usage-error.js";

const controller = new AbortController();

async function main(): Promise<number> {
  const command = parseCommand(process.argv.slice(2), process.env);
  if (command.kind === "help") {
    process.stdout.write(HELP);
    return EXIT_CODES.allDone;
  }
  const onSignal = (signal: NodeJS.Signals) => {
    // Each notice clears the progress bar's line first; on the way out the cursor the bar hid comes back.
    if (controller.signal.aborted) {
      process.stderr.write(
        restoreTerminal(process.stderr) +
          lineAboveProgress(
            process.stderr,
            `${signal} again: exiting now. The journal is intact; re-run to resume.`,
          ),
      );
      process.exit(EXIT_CODES.interrupted);
    }
    process.stderr.write(
      lineAboveProgress(
        process.stderr,
        `${signal}: finishing the requests in flight (${signal} again to exit at once)...`,
      ),
    );
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const { exitCode } = await sendFile({ ...command.options, signal: controller.signal });
  return controller.signal.aborted ? EXIT_CODES.interrupted : exitCode;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`ghl-inbound: ${error.message}\nRun ghl-inbound --help for usage.\n`);
      process.exitCode = EXIT_CODES.invalidInput;
      return;
    }
    if (
      error instanceof InputError ||
      error instanceof JournalLockedError ||
      error instanceof JournalDamagedError
    ) {
      process.stderr.write(`ghl-inbound: ${error.message}\n`);
      process.exitCode = EXIT_CODES.invalidInput;
      return;
    }
    if (controller.signal.aborted) {
      process.stderr.write("ghl-inbound: interrupted before anything was sent; re-run to resume.\n");
      process.exitCode = EXIT_CODES.interrupted;
      return;
    }
    const isKnown = error instanceof RedisConnectionError || (error as { code?: unknown })?.code === "ENOENT";
    process.stderr.write(`ghl-inbound: ${isKnown ? (error as Error).message : String(error)}\n`);
    process.exitCode = EXIT_CODES.notAllDone;
  },
);
