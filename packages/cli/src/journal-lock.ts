// One run per journal: two runs appending to one journal would each send every line the other has
// not finished. The lock is a file beside the journal's real path (symlinks and relative paths
// resolved), created with O_EXCL semantics, naming the process that holds it.

import { unlinkSync } from "node:fs";
import { link, open, readFile, realpath, rename, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/** What a lock file says about its holder. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
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
      return { pid: holder.pid, host: holder.host, startedAt: String(holder.startedAt) };
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
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
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
        if ((error as { code?: unknown }).code !== "EEXIST" || tries > 2) throw error;
      }
      const holder = await readHolder(lockPath);
      if (holder === undefined || holder.host !== me.host || isAlive(holder.pid)) {
        throw new JournalLockedError(journal, holder);
      }
      // Dead: moved aside under a name of our own, so two runs taking it over cannot both succeed on
      // the same stale file; the loser's rename fails, and it finds the winner's lock next time round.
      const stale = `${lockPath}.stale.${process.pid}`;
      try {
        await rename(lockPath, stale);
      } catch {
        continue;
      }
      const moved = await readHolder(stale);
      if (moved?.pid !== holder.pid || moved.host !== holder.host) {
        // Another run's fresh lock was moved: put it back and give way.
        await link(stale, lockPath).catch(() => {});
        await unlink(stale).catch(() => {});
        throw new JournalLockedError(journal, moved);
      }
      await unlink(stale).catch(() => {});
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
