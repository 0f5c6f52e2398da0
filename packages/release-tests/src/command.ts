import { spawn } from "node:child_process";

export interface CommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed after this long: a hung npm or tsc fails the test with its output instead of the test timeout. */
  readonly timeoutMs?: number;
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command that exited non-zero (or was killed); the message carries its output so a failing test explains itself. */
export class CommandError extends Error {
  override name = "CommandError" as const;
  readonly result: CommandResult;

  constructor(commandLine: string, cwd: string, result: CommandResult, signal: NodeJS.Signals | null) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${result.exitCode}`;
    super(`\`${commandLine}\` in ${cwd} ${how}\n${tail(result.stdout)}\n${tail(result.stderr)}`.trimEnd());
    this.result = result;
  }
}

const OUTPUT_TAIL_CHARS = 6_000;

function tail(text: string): string {
  return text.length > OUTPUT_TAIL_CHARS ? `...${text.slice(-OUTPUT_TAIL_CHARS)}` : text;
}

/**
 * Runs a command with its stdio piped, never inherited: turbo waits for every inherited handle to close,
 * and stdin is closed so nothing (changesets' OTP prompt, npm's login) can wait for a keyboard.
 * Resolves with the output, whatever the exit code; `runCommand` is the variant that throws.
 */
export function runCommandAllowingFailure(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult & { readonly signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 120_000,
      killSignal: "SIGKILL",
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolve({
        exitCode: code ?? -1,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

export async function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  const { signal, ...result } = await runCommandAllowingFailure(command, args, options);
  if (result.exitCode !== 0)
    throw new CommandError([command, ...args].join(" "), options.cwd, result, signal);
  return result;
}
