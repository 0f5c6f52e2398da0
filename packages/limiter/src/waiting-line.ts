/** One acquirer in a key's line. */
export interface Place {
  readonly startedAt: number;
  readonly maxWaitMs: number;
  /** May ask the store now: the first in line, one a grant let in, or any in an open line. */
  readonly isActive: boolean;
  /**
   * Resolves once the place may ask the store (at once when it already may); rejects with the error
   * `dropLate` gave it when the line showed it could not be served within its `maxWaitMs`.
   */
  turn(): Promise<void>;
}

interface Entry extends Place {
  isActive: boolean;
  activate(): void;
  deactivate(): void;
  fail(error: unknown): void;
}

interface Line {
  places: Entry[];
  /** When the first in line was last told the next slot may free, on the limiter's clock. */
  nextSlotAt: number;
  /** Everyone asks for themselves, as without a line (the store failed, or the limiter fell back). */
  isOpen: boolean;
}

/**
 * The acquirers of each key waiting for a slot, first come first served. Only the first asks the store
 * while no slot is free; a grant that leaves slots free lets as many of the next ask at once. Without it
 * every waiter of a process woke for each freed slot and all but one asked in vain: 300 store calls per
 * slot with three processes of 100 lanes, which on Redis spread each window's burst over 200 ms.
 */
export interface WaitingLines {
  /** Whether `key` has a line that newcomers must join rather than ask ahead of. */
  isOrderly(key: string): boolean;
  /** When the line of `key` was last told a slot may free, or undefined with no line. */
  nextSlotAt(key: string): number | undefined;
  /** With `slotAt`, what the store just told the newcomer: when the next slot may free. */
  join(key: string, startedAt: number, maxWaitMs: number, slotAt?: number): Place;
  isFirst(key: string, place: Place): boolean;
  /**
   * Leaves the line (granted, gave up, or aborted). The next in line may ask, and with `freeSlots`
   * (what a grant said was left) as many as that.
   */
  leave(key: string, place: Place, freeSlots?: number): void;
  /** A place behind the first that was refused waits for its turn again (not in an open line). */
  pause(key: string, place: Place): boolean;
  /** Lets everyone in the line ask for themselves until it empties. */
  open(key: string): void;
  /**
   * The first in line was told no slot frees before `slotAt`: every one behind it, waiting for its
   * turn, that cannot be served by its own deadline is dropped with `errorFor(place)`.
   */
  dropLate(key: string, slotAt: number, errorFor: (place: Place) => unknown): void;
}

function entryOf(startedAt: number, maxWaitMs: number): Entry {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  let turn!: Promise<void>;
  const next = () => {
    turn = new Promise<void>((resolveTurn, rejectTurn) => {
      resolve = resolveTurn;
      reject = rejectTurn;
    });
    // Dropped while its caller no longer listens (it aborted): not an unhandled rejection.
    turn.catch(() => {});
  };
  next();
  const entry: Entry = {
    startedAt,
    maxWaitMs,
    isActive: false,
    turn: () => turn,
    activate() {
      if (entry.isActive) return;
      entry.isActive = true;
      resolve();
    },
    deactivate() {
      if (!entry.isActive) return;
      entry.isActive = false;
      next();
    },
    fail: (error) => reject(error),
  };
  return entry;
}

export function createWaitingLines(): WaitingLines {
  const lines = new Map<string, Line>();

  return {
    isOrderly: (key) => lines.get(key)?.isOpen === false,
    nextSlotAt: (key) => lines.get(key)?.nextSlotAt,
    join(key, startedAt, maxWaitMs, slotAt) {
      let line = lines.get(key);
      if (line === undefined) {
        line = { places: [], nextSlotAt: slotAt ?? startedAt, isOpen: false };
        lines.set(key, line);
      } else if (slotAt !== undefined) line.nextSlotAt = slotAt;
      const place = entryOf(startedAt, maxWaitMs);
      line.places.push(place);
      if (line.isOpen || line.places.length === 1) place.activate();
      return place;
    },
    isFirst: (key, place) => lines.get(key)?.places[0] === place,
    leave(key, place, freeSlots = 0) {
      const line = lines.get(key);
      const index = line?.places.indexOf(place as Entry) ?? -1;
      if (line === undefined || index === -1) return;
      line.places.splice(index, 1);
      if (line.places.length === 0) {
        lines.delete(key);
        return;
      }
      let toWake = Math.max(1, freeSlots);
      for (const next of line.places) {
        if (toWake-- <= 0) break;
        next.activate();
      }
    },
    pause(key, place) {
      const line = lines.get(key);
      if (line === undefined || line.isOpen || line.places[0] === place) return false;
      (place as Entry).deactivate();
      return true;
    },
    open(key) {
      const line = lines.get(key);
      if (line === undefined) return;
      line.isOpen = true;
      for (const place of line.places) place.activate();
    },
    dropLate(key, slotAt, errorFor) {
      const line = lines.get(key);
      if (line === undefined) return;
      line.nextSlotAt = slotAt;
      const late = new Set(
        line.places.filter(
          (place, index) => index > 0 && !place.isActive && slotAt - place.startedAt > place.maxWaitMs,
        ),
      );
      if (late.size === 0) return;
      line.places = line.places.filter((place) => !late.has(place));
      for (const place of late) place.fail(errorFor(place));
    },
  };
}
