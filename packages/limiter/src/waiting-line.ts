/**
 * One acquirer in a key's line. Its `turn` resolves when it is first, and rejects with the error
 * `dropLate` made when the line showed it could not be served within its `maxWaitMs`.
 */
export interface Place {
  readonly startedAt: number;
  readonly maxWaitMs: number;
  readonly turn: Promise<void>;
  /** True when it joined behind others: its turn comes as one of theirs was granted. */
  readonly joinedBehind: boolean;
}

interface Entry extends Place {
  start(): void;
  fail(error: unknown): void;
}

interface Line {
  places: Entry[];
  /** When the first in line was last told the next slot may free, on the limiter's clock. */
  nextSlotAt: number;
}

/**
 * The acquirers of each key that are waiting for a slot, first come first served. Only the first asks
 * the store; the others wait for their turn. Without it every waiter of a process woke for each freed
 * slot and all but one asked in vain: 300 store calls per slot with three processes of 100 lanes,
 * which on Redis spread each window's burst over 200 ms.
 */
export interface WaitingLines {
  /** Whether `key` has a line now: a newcomer joins it rather than taking ahead of it. */
  has(key: string): boolean;
  /** When the line of `key` was last told a slot may free, or undefined with no line. */
  nextSlotAt(key: string): number | undefined;
  /** With `slotAt`, what the store just told the newcomer: when the next slot may free. */
  join(key: string, startedAt: number, maxWaitMs: number, slotAt?: number): Place;
  /** Leaves the line (granted, gave up, or aborted); the next in line, if any, gets its turn. */
  leave(key: string, place: Place): void;
  /**
   * The first in line was told no slot frees before `slotAt`: every one behind it that cannot be
   * served by its own deadline is dropped with `errorFor(place)`.
   */
  dropLate(key: string, slotAt: number, errorFor: (place: Place) => unknown): void;
}

export function createWaitingLines(): WaitingLines {
  const lines = new Map<string, Line>();

  function entry(startedAt: number, maxWaitMs: number, joinedBehind: boolean): Entry {
    let start!: () => void;
    let fail!: (error: unknown) => void;
    const turn = new Promise<void>((resolve, reject) => {
      start = resolve;
      fail = reject;
    });
    // A place dropped while its caller no longer listens (it aborted) must not be an unhandled rejection.
    turn.catch(() => {});
    return { startedAt, maxWaitMs, turn, joinedBehind, start, fail };
  }

  return {
    has: (key) => lines.has(key),
    nextSlotAt: (key) => lines.get(key)?.nextSlotAt,
    join(key, startedAt, maxWaitMs, slotAt) {
      let line = lines.get(key);
      if (line === undefined) {
        line = { places: [], nextSlotAt: slotAt ?? startedAt };
        lines.set(key, line);
      } else if (slotAt !== undefined) line.nextSlotAt = slotAt;
      const place = entry(startedAt, maxWaitMs, line.places.length > 0);
      line.places.push(place);
      if (line.places.length === 1) place.start();
      return place;
    },
    leave(key, place) {
      const line = lines.get(key);
      const index = line?.places.indexOf(place as Entry) ?? -1;
      if (line === undefined || index === -1) return;
      line.places.splice(index, 1);
      if (line.places.length === 0) lines.delete(key);
      else if (index === 0) line.places[0]!.start();
    },
    dropLate(key, slotAt, errorFor) {
      const line = lines.get(key);
      if (line === undefined) return;
      line.nextSlotAt = slotAt;
      const [first, ...behind] = line.places;
      const late = behind.filter((place) => slotAt - place.startedAt > place.maxWaitMs);
      if (late.length === 0) return;
      line.places = [first!, ...behind.filter((place) => !late.includes(place))];
      for (const place of late) place.fail(errorFor(place));
    },
  };
}
