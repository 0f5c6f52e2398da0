/** What a store answers when asked for a slot. */
export interface TakeResult {
  /** True when a slot was recorded for this request: it may be sent now. */
  allowed: boolean;
  /** When `allowed` is false: milliseconds until a slot may free up (0 when allowed). */
  retryInMs: number;
  /**
   * When `allowed`: the store's name for the slot, for `settle` (a store without `settle` may leave it out).
   */
  slotId?: string;
  /**
   * When `allowed`: how many more slots the store would grant now, this one counted (the limit less
   * the slots that count). With it the limiter tells a server's `X-RateLimit-Remaining: 0` that its own
   * slots explain from one they do not. A store may leave it out.
   */
  remaining?: number;
}

/**
 * What the limiter tells a store of a slot's request once it is over (see `RateLimitStore.settle`):
 * the delays it reports, as `take` does, and how long the slot must count now that its answer is in.
 */
export interface SlotSettlement extends DelayReport {
  /** The window `take` would count the slot over now: the interval and this limiter's margin. */
  windowMs: number;
  /**
   * How long, from when it was taken, the slot must count at most, by what the answer showed: until
   * one interval after the answer, since a request cannot reach the server after its answer was read.
   */
  countsForMs: number;
  /**
   * From when the slot was taken to when its request left (and 1 ms of rounding), when the caller told
   * the limiter (with `wireMs`). The slot then counts, for a taker that reports its `wireLowMs` and if
   * that comes first, until one interval after the request left plus the slowest leaving-to-answer
   * time on the key or its own (`wireMs`), whichever is slower, less the taker's fastest.
   */
  sentAfterMs?: number;
  /**
   * This slot's own time from leaving to the answer, with the minimum margin: the slowest it counts with
   * at least. Not merged into the key's slowest (a cold request's is no guide to the others).
   */
  wireMs?: number;
}

/**
 * What one process has learned of the delay between its slots and its requests' arrival, for a store
 * that shares it: the slowest and fastest slot-to-answer times of late (the slowest with the minimum
 * margin added). A request held up in one process can arrive close to one sent on time by another, so
 * every process sharing a key must count with the widest spread any of them saw:
 * `intervalMs + max(highMs) - min(lowMs)`.
 */
export interface DelayReport {
  intervalMs: number;
  /** Undefined until the process has learned them: the delays others reported still count. */
  highMs: number | undefined;
  lowMs: number | undefined;
  /**
   * The same from a request leaving to its answer (the slowest with the minimum margin added), when
   * the process can tell when its requests leave (see `SlotSettlement.sentAfterMs`).
   */
  wireHighMs?: number;
  wireLowMs?: number;
}

/**
 * Where a block starts: `"now"` (a 429's Retry-After counts from the answer), or `"window"`: until the
 * first slot that counts stops counting (`X-RateLimit-Remaining: 0` means the window that began with
 * that slot's request is full, so it frees when that slot would, not one interval after the answer).
 */
export type BlockAnchor = "now" | "window";

/**
 * Where the limiter keeps its per-key request log. Every method must be atomic for its key: two
 * callers that `take` at once must never both get the last slot. `createMemoryStore()` is atomic
 * within one process, `createRedisStore()` across every process that shares the Redis server.
 */
export interface RateLimitStore {
  /**
   * Records one request for `key` if fewer than `limit` slots count now (one still out counts for
   * `windowMs`, the interval and this process's margin, from when it was taken; a settled one until
   * the end `settle` gave it) and the key is not blocked; otherwise records nothing and says how long
   * to wait. A store that shares `delays` also counts over the widest window they give
   * (see `DelayReport`); a store may ignore them.
   */
  take(key: string, limit: number, windowMs: number, delays?: DelayReport): Promise<TakeResult>;
  /**
   * Optional: the request of slot `slotId` is over. Until now the slot counted as if its request could
   * still be on its way, for the window `take` counts over (the interval and the margin, widened by the
   * delays reported). From now it counts for `countsForMs` from when it was taken at the latest, and,
   * for each taker, until the end of its window as that taker's fastest delay makes it, if that comes
   * first: the interval and the slowest delay on the key (or `windowMs`, if wider) less the taker's
   * fastest, from when it was taken (and the same from when it left, with `sentAfterMs` and `wireMs`). A slot whose
   * request was quick frees early whatever the margin; a taker whose requests arrive sooner than the
   * others' counts it for longer. Also records the delays, as `share` does. An unknown slot (its window
   * had passed, or another store took it) counts for one interval from now.
   */
  settle?(key: string, slotId: string, settlement: SlotSettlement): Promise<void>;
  /**
   * Optional: records `delays` as `take` does, without taking a slot. The limiter calls it when an
   * answer widened what it learned, so that the others count with it before this process takes again.
   */
  share?(key: string, windowMs: number, delays: DelayReport): Promise<void>;
  /**
   * Refuses every `take` for `key` until `forMs` after the anchor (now, unless `anchor` is `"window"`
   * and the store can tell where the window began: then until the first slot of the log stops counting,
   * one still out `forMs` after it was taken, a settled one as `settle` says for a taker with the
   * fastest delays in `delays`, or for one whose requests may arrive at once without). Extends a block,
   * never shortens one. May resolve with how long the key is now blocked from now, in ms (0: the window
   * had already freed up).
   */
  block(
    key: string,
    forMs: number,
    anchor?: BlockAnchor,
    delays?: DelayReport,
    // biome-ignore lint/suspicious/noConfusingVoidType: a store written for the old `Promise<void>` must still fit.
  ): Promise<number | undefined | void>;
}
