// One run per journal: two runs appending to one journal would each send every line the other has
// not finished. The lock is a file beside the journal's real path (symlinks and relative paths
// resolved), created with O_EXCL semantics, naming the process that holds it.

import { readlinkSync, unlinkSync } from "node:fs";
import { link, open, readFile, realpath, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/** What a lock file says about its holder. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** The holder's PID namespace (Linux): a pid says nothing about a process in another container. */
  pidNamespace?: string;
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return undefined;
  }
}

/** Whether `holder` is a process this one can see, and it has ended. */
function isDeadHere(holder: LockHolder, me: LockHolder): boolean {
  if (holder.host !== me.host) return false;
  // A lock that names no namespace was written where none could be read: the host decides alone.
  if (holder.pidNamespace !== undefined && holder.pidNamespace !== me.pidNamespace) return false;
  return !isAlive(holder.pid);
}

/** Another live run holds the journal: this one must not touch it. */
export class JournalLockedError extends Error {
  override readonly name = "JournalLockedError" as const;
  constructor(
    readonly journal: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      holder === undefined
        ? `the journal ${journal} is in use by another run (its lock ${journal}.lock cannot be read); ` +
            "if no run uses it, remove the lock file"
        : `the journal ${journal} is in use by another run: pid ${holder.pid} on ${holder.host}, ` +
            `started ${holder.startedAt}. Wait for it to end (or stop it); if it is gone, remove ${journal}.lock`,
    );
  }
}

/** Another run is taking over a dead run's lock right now (or died doing so, leaving `takeover`). */
export class JournalTakeoverError extends JournalLockedError {
  constructor(journal: string, takeover: string) {
    super(journal, undefined);
    this.message =
      `the journal ${journal} is being taken over by another run from a run that ended; ` +
      `try again, and if this persists with no run going, remove ${takeover}`;
  }
}

export interface JournalLock {
  /** Said when the lock of a dead run was taken over. */
  readonly tookOverFrom: LockHolder | undefined;
  release(): Promise<void>;
}

/** The journal's real path: its directory resolved (the journal itself may not exist yet). */
async function realJournalPath(journal: string): Promise<string> {
  try {
    return await realpath(journal);
  } catch {
    return join(await realpath(dirname(journal)), basename(journal));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === "EPERM";
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await readFile(path, "utf8")) as Partial<LockHolder>;
    if (typeof holder.pid === "number" && typeof holder.host === "string") {
      return {
        pid: holder.pid,
        host: holder.host,
        startedAt: String(holder.startedAt),
        ...(typeof holder.pidNamespace === "string" && { pidNamespace: holder.pidNamespace }),
      };
    }
  } catch {
    // Unreadable: treated as held, never taken over blindly.
  }
  return undefined;
}

/**
 * Takes the journal's lock for this process, or throws JournalLockedError. The lock's content is
 * written to a private file first and linked into place (link fails if the name exists), so a lock
 * file is never seen half written. A lock left by a dead process on this host is taken over.
 */
export async function lockJournal(journal: string): Promise<JournalLock> {
  const lockPath = `${await realJournalPath(journal)}.lock`;
  const namespace = pidNamespace();
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(namespace !== undefined && { pidNamespace: namespace }),
  };
  const draft = `${lockPath}.${process.pid}.tmp`;
  const handle = await open(draft, "w");
  try {
    await handle.writeFile(`${JSON.stringify(me)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  let tookOverFrom: LockHolder | undefined;
  try {
    for (let tries = 0; ; tries++) {
      try {
        await link(draft, lockPath);
        break;
      } catch (error) {
        if ((error as { code?: unknown }).code !== "EEXIST") throw error;
        if (tries > 2) throw new JournalLockedError(journal, await readHolder(lockPath));
      }
      const holder = await readHolder(lockPath);
      if (holder === undefined || !isDeadHere(holder, me)) throw new JournalLockedError(journal, holder);
      // Dead: removed only under a second lock that one run at a time can hold, and only while it
      // still names the dead run. Without it, a run that read the dead holder a moment ago could
      // remove the lock another run has just taken over.
      const takeover = `${lockPath}.takeover`;
      try {
        await link(draft, takeover);
      } catch (error) {
        if ((error as { code?: unknown }).code !== "EEXIST") throw error;
        throw new JournalTakeoverError(journal, takeover);
      }
      try {
        const still = await readHolder(lockPath);
        if (still === undefined || still.pid !== holder.pid || still.host !== holder.host) continue;
        await unlink(lockPath);
      } finally {
        await unlink(takeover).catch(() => {});
      }
      tookOverFrom = holder;
    }
  } finally {
    await unlink(draft).catch(() => {});
  }
  // A second Ctrl-C exits at once: the lock goes with the process as it exits.
  const removeOnExit = () => {
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone.
    }
  };
  process.once("exit", removeOnExit);
  return {
    tookOverFrom,
    async release() {
      process.removeListener("exit", removeOnExit);
      const holder = await readHolder(lockPath);
      if (holder?.pid === me.pid && holder.host === me.host) await unlink(lockPath).catch(() => {});
    },
  };
}
