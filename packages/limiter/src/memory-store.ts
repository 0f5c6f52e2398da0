import type { BlockAnchor, DelayReport, RateLimitStore, SlotSettlement, TakeResult } from "./store.js";

export interface MemoryStoreOptions {
  /**
   * The clock, in milliseconds. Tests inject a fake one; the default is monotonic, so a wall-clock
   * change (NTP, daylight saving) cannot open or close the window.
   * @default () => performance.now()
   */
  now?: () => number;
}

interface KeyState {
  /** The slots whose request is not over yet: when each was taken, oldest first. */
  log: { id: string; at: number }[];
  /** The settled slots, by the latest they may count until, soonest first. */
  answered: Settled[];
  blockedUntil: number;
  /** The longest window asked for, so a sweep never drops entries a caller still counts. */
  intervalMs: number;
  /** The slowest and fastest delays from slot to answer reported by the limiters sharing this store. */
  delays: Reported;
  /** The same from a request leaving to its answer (see `SlotSettlement.sentAfterMs`). */
  wire: Reported;
}

/**
 * A settled slot. It counts until one interval after its answer at the latest (`end`), and, for each
 * taker, until the end its delays and the taker's call for (see `settledEnd`), if that comes first.
 */
interface Settled {
  end: number;
  takenAt: number;
  intervalMs: number;
  /** The slowest slot-to-answer delay on the key when it was settled, with the margin: how late it may have arrived. */
  highMs?: number;
  /** From taken to sent, and the slowest leaving-to-answer time on the key then or its own, when the send was told. */
  sentAfterMs?: number;
  wireHighMs?: number;
}

/** The fastest delays a taker's request may have: from its slot, and from leaving, to the answer. */
interface TakerLows {
  lowMs: number;
  wireLowMs: number;
}

/**
 * When a settled slot stops counting for a taker: its request arrived at most `highMs` after its slot
 * (less the server's own time), and the taker's arrives at least `lowMs` after its own (less the same),
 * so the taker's may go one interval and the difference later. The same from the send, when both were
 * measured. Worked out for each taker, not once when the slot was settled: a process that reaches the
 * server sooner than the others (another route, or a cold start) counts the slot for longer.
 */
function settledEnd(slot: Settled, taker: TakerLows): number {
  let end = slot.end;
  if (slot.highMs !== undefined)
    end = Math.min(end, slot.takenAt + slot.intervalMs + slot.highMs - taker.lowMs);
  if (slot.sentAfterMs !== undefined && slot.wireHighMs !== undefined) {
    end = Math.min(
      end,
      slot.takenAt + slot.sentAfterMs + slot.intervalMs + slot.wireHighMs - taker.wireLowMs,
    );
  }
  return end;
}

/** The slowest and fastest delays reported, each until it lapses. */
interface Reported {
  high?: { ms: number; until: number };
  low?: { ms: number; until: number };
}

/**
 * Merges a report into what was reported: drops what lapsed, and gives the widest now (undefined while
 * either end is unknown) and `keep(forMs)`, which keeps each end of the report that widened it.
 */
function mergeReport(reported: Reported, at: number, highMs: number | undefined, lowMs: number | undefined) {
  if (reported.high !== undefined && reported.high.until <= at) reported.high = undefined;
  if (reported.low !== undefined && reported.low.until <= at) reported.low = undefined;
  const isHigher = highMs !== undefined && (reported.high === undefined || highMs >= reported.high.ms);
  const isLower = lowMs !== undefined && (reported.low === undefined || lowMs <= reported.low.ms);
  const high = isHigher ? highMs : reported.high?.ms;
  const low = isLower ? lowMs : reported.low?.ms;
  return {
    highMs: high,
    lowMs: low,
    spreadMs: high === undefined || low === undefined ? undefined : high - low,
    keep(forMs: number): void {
      if (isHigher) reported.high = { ms: highMs, until: at + forMs };
      if (isLower) reported.low = { ms: lowMs, until: at + forMs };
    },
  };
}

/** What was reported and has not lapsed at `at`: the slowest and the fastest. */
function reportedAt(reported: Reported, at: number): { highMs?: number; lowMs?: number } {
  const { highMs, lowMs } = mergeReport(reported, at, undefined, undefined);
  return { highMs, lowMs };
}

/** A store for one process; `size` is there for monitoring (and to test that idle keys go). */
export interface MemoryStore extends RateLimitStore {
  /** How many keys the store holds now: those with a request in their window or a block in force. */
  readonly size: number;
}

/** Keys idle for a whole window are dropped on every this-many `take`s, so memory follows live keys. */
const SWEEP_EVERY_TAKES = 1000;

/**
 * A sliding-log store for one process. It knows nothing of other processes: with several
 * replicas, use `createRedisStore()` (or give each replica `limit / replicas`).
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? (() => performance.now());
  const keys = new Map<string, KeyState>();
  let takesSinceSweep = 0;
  let slotsTaken = 0;
  // Slot ids unique beyond this store: a limiter falling back to memory may settle them in Redis later.
  const storeId = crypto.randomUUID().slice(0, 8);

  function stateOf(key: string): KeyState {
    let state = keys.get(key);
    if (!state) {
      state = { log: [], answered: [], blockedUntil: 0, intervalMs: 0, delays: {}, wire: {} };
      keys.set(key, state);
    }
    return state;
  }

  function sweep(at: number): void {
    for (const [key, state] of keys) {
      const newest = state.log.at(-1)?.at ?? Number.NEGATIVE_INFINITY;
      const isIdle =
        newest <= at - state.intervalMs &&
        (state.answered.at(-1)?.end ?? 0) <= at &&
        state.blockedUntil <= at;
      if (isIdle) keys.delete(key);
    }
  }

  /**
   * The window to count over: the caller's, or the widest the shared delays call for. Each reported
   * delay is kept for one such window (the life of the entries it protects) unless a wider one comes.
   */
  function windowFor(state: KeyState, at: number, windowMs: number, delays: DelayReport | undefined): number {
    const merged = mergeReport(state.delays, at, delays?.highMs, delays?.lowMs);
    const wire = mergeReport(state.wire, at, delays?.wireHighMs, delays?.wireLowMs);
    if (delays === undefined) return windowMs;
    const widest =
      merged.spreadMs === undefined ? windowMs : Math.max(windowMs, delays.intervalMs + merged.spreadMs);
    merged.keep(widest);
    wire.keep(widest);
    return widest;
  }

  /** Forgets what counts no more: slots still out after `windowMs`, settled ones past their end. */
  function dropEnded(state: KeyState, at: number, windowMs: number): void {
    let ended = 0;
    while (ended < state.log.length && state.log[ended]!.at <= at - windowMs) ended++;
    if (ended > 0) state.log.splice(0, ended);
    ended = 0;
    while (ended < state.answered.length && state.answered[ended]!.end <= at) ended++;
    if (ended > 0) state.answered.splice(0, ended);
  }

  /**
   * The settled slots that count at `at` for a taker that reported `delays`: when each stops counting.
   * How soon the taker's request may arrive: its own fastest delays (none reported: at once), or the
   * fastest any limiter on the key reported in the last window if sooner, since a process's own may
   * come from a few answers, or cold ones.
   */
  function settledEnds(state: KeyState, at: number, delays: DelayReport | undefined): number[] {
    const keyLow = reportedAt(state.delays, at).lowMs;
    const keyWireLow = reportedAt(state.wire, at).lowMs;
    const lows = {
      lowMs: Math.min(delays?.lowMs ?? 0, keyLow ?? Number.POSITIVE_INFINITY),
      wireLowMs: Math.min(delays?.wireLowMs ?? 0, keyWireLow ?? Number.POSITIVE_INFINITY),
    };
    const ends: number[] = [];
    for (const slot of state.answered) {
      const end = settledEnd(slot, lows);
      if (end > at) ends.push(end);
    }
    return ends;
  }

  /**
   * The `nth` (from 1) soonest time at which a slot that counts at `at` may stop counting: a settled
   * one at its end for this taker; one still out `windowMs` after it was taken, or, with
   * `intervalMs`, as soon as it could once settled (one interval after it was taken, if that is still
   * to come), so that a waiter looks again when a quick answer may have freed it. Undefined when fewer count.
   */
  function nthEnd(
    state: KeyState,
    at: number,
    windowMs: number,
    nth: number,
    settled: number[],
    intervalMs?: number,
  ): number | undefined {
    const ends: number[] = [];
    // The log is oldest first: those past their soonest settled end (still out after an interval), then the rest.
    for (const slot of state.log) {
      if (slot.at <= at - windowMs) continue;
      if ((intervalMs !== undefined && slot.at + intervalMs > at) || ends.length >= nth) break;
      ends.push(slot.at + windowMs);
    }
    if (intervalMs !== undefined) {
      const first = state.log.findIndex((slot) => slot.at + intervalMs > at);
      for (let index = first; index !== -1 && index < state.log.length && index < first + nth; index++) {
        ends.push(state.log[index]!.at + intervalMs);
      }
    }
    ends.push(...settled);
    return ends.sort((a, b) => a - b)[nth - 1];
  }

  function take(key: string, limit: number, windowMs: number, delays?: DelayReport): TakeResult {
    const at = now();
    if (++takesSinceSweep >= SWEEP_EVERY_TAKES) {
      takesSinceSweep = 0;
      sweep(at);
    }
    const state = stateOf(key);
    const countedMs = windowFor(state, at, windowMs, delays);
    state.intervalMs = Math.max(state.intervalMs, countedMs);
    if (state.blockedUntil > at) return { allowed: false, retryInMs: Math.ceil(state.blockedUntil - at) };

    dropEnded(state, at, countedMs);
    const settled = settledEnds(state, at, delays);
    const count = state.log.length + settled.length;
    if (count < limit) {
      const slotId = `${storeId}-${++slotsTaken}`;
      state.log.push({ id: slotId, at });
      return { allowed: true, retryInMs: 0, slotId, remaining: limit - count - 1 };
    }
    // The limit may have shrunk below the count: enough slots must end to leave limit - 1.
    const mustEnd = nthEnd(state, at, countedMs, count - limit + 1, settled, delays?.intervalMs)!;
    return { allowed: false, retryInMs: Math.max(1, Math.ceil(mustEnd - at)) };
  }

  function settle(key: string, slotId: string, settlement: SlotSettlement): void {
    const state = stateOf(key);
    const at = now();
    state.intervalMs = Math.max(state.intervalMs, windowFor(state, at, settlement.windowMs, settlement));
    const index = state.log.findIndex((slot) => slot.id === slotId);
    // An unknown slot (its window had passed, or another store took it) counts for one interval from now.
    let entry: Settled = { end: at + settlement.intervalMs, takenAt: at, intervalMs: settlement.intervalMs };
    if (index !== -1) {
      const [slot] = state.log.splice(index, 1);
      const { intervalMs, sentAfterMs, wireMs } = settlement;
      entry = { end: slot!.at + settlement.countsForMs, takenAt: slot!.at, intervalMs };
      // A window no shorter than the answer's bound asks for that bound alone (a cold slot).
      if (settlement.windowMs < settlement.countsForMs) {
        const delays = reportedAt(state.delays, at);
        // The caller's own window, read as assuming the key's fastest delay, if it is the wider.
        entry.highMs = Math.max(
          delays.highMs ?? Number.NEGATIVE_INFINITY,
          settlement.windowMs - intervalMs + (delays.lowMs ?? 0),
        );
      }
      // As the Redis store: told when it left and its own leaving-to-answer time, it counts with that or
      // the key's slowest (windowFor merged this report into it), whichever is slower.
      // Not numbers (a hand-made caller's): not told, as the Redis store reads them.
      if (sentAfterMs !== undefined && wireMs !== undefined && Number.isFinite(sentAfterMs + wireMs)) {
        const keyHighMs = reportedAt(state.wire, at).highMs ?? Number.NEGATIVE_INFINITY;
        entry = { ...entry, sentAfterMs, wireHighMs: Math.max(keyHighMs, wireMs) };
      }
      // Kept until the latest any taker counts it: one whose requests may arrive at once.
      entry.end = settledEnd(entry, { lowMs: 0, wireLowMs: 0 });
    }
    if (entry.end <= at) return;
    const before = state.answered.findIndex((other) => other.end > entry.end);
    state.answered.splice(before === -1 ? state.answered.length : before, 0, entry);
  }

  function block(key: string, forMs: number, anchor: BlockAnchor, delays: DelayReport | undefined): number {
    const state = stateOf(key);
    const at = now();
    // The window's first request: the first slot that stops counting, of those still counting.
    const windowEnd =
      anchor === "window" ? nthEnd(state, at, forMs, 1, settledEnds(state, at, delays)) : undefined;
    const until = windowEnd ?? at + forMs;
    state.blockedUntil = Math.max(state.blockedUntil, until);
    return Math.max(0, Math.ceil(state.blockedUntil - at));
  }

  return {
    take: async (key, limit, windowMs, delays) => take(key, limit, windowMs, delays),
    settle: async (key, slotId, settlement) => settle(key, slotId, settlement),
    share: async (key, windowMs, delays) => {
      const state = stateOf(key);
      state.intervalMs = Math.max(state.intervalMs, windowFor(state, now(), windowMs, delays));
    },
    block: async (key, forMs, anchor = "now", delays) => block(key, forMs, anchor, delays),
    get size() {
      return keys.size;
    },
  };
}
