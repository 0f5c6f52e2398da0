import { execFile } from "node:child_process";
import { promisify } from "node:util";

/**
 * npm (`npx`, `npm run`) and pnpm run a command through `sh -c`. On SIGTERM or SIGHUP they pass the
 * signal on to that shell at most, and the shell does not pass it on to the command: the mock would
 * be left running, orphaned, on its port. So when a package manager started the mock (npm, pnpm and
 * yarn set `npm_execpath`), the mock also watches the processes between it and the package manager
 * (the shells, then the first process that is not one) and stops as soon as one of them is gone.
 * Started any other way (`nohup`, a service manager, a test), it outlives its parent as asked.
 */
export function isStartedByPackageManager(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_execpath !== undefined && env.npm_execpath !== "";
}

const SHELLS = new Set(["sh", "dash", "bash", "zsh", "ash", "ksh", "fish", "cmd.exe", "powershell.exe"]);
/** npm and pnpm put one shell between themselves and the command; a few more are tolerated. */
const MAX_SHELLS = 3;

/** The parent, and its parents while they are shells, up to and including the first that is not one. */
export async function findLauncherChain(parentPid = process.ppid): Promise<number[]> {
  const chain = [parentPid];
  let pid = parentPid;
  for (let depth = 0; depth < MAX_SHELLS; depth++) {
    const info = await describeProcess(pid);
    if (info === undefined || !SHELLS.has(info.command) || info.parentPid <= 1) break;
    pid = info.parentPid;
    chain.push(pid);
  }
  return chain;
}

async function describeProcess(pid: number): Promise<{ parentPid: number; command: string } | undefined> {
  try {
    // `ps` rather than /proc: macOS has no /proc. Where there is no ps, only the parent is watched.
    const { stdout } = await promisify(execFile)("ps", ["-o", "ppid=,comm=", "-p", String(pid)]);
    const match = /^\s*(\d+)\s+(.+?)\s*$/.exec(stdout);
    if (!match) return undefined;
    return { parentPid: Number(match[1]), command: match[2]!.split("/").pop()! };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Calls `onGone` once, when the parent (`chain[0]`) or one of its ancestors in `chain` has exited.
 * The parent is checked by `process.ppid` changing (an exited parent may linger as a zombie, its
 * children are re-parented at once); the others by signal 0. Returns a function that stops watching.
 */
export function watchLauncherChain(
  chain: readonly number[],
  onGone: () => void,
  intervalMs = 250,
): () => void {
  const [parentPid, ...ancestors] = chain;
  const timer = setInterval(() => {
    if (process.ppid === parentPid && ancestors.every(isRunning)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  // Watching must not keep the process alive by itself.
  timer.unref();
  return () => clearInterval(timer);
}
