import { settleUnlessAborted, settleWithin, TIMED_OUT } from "./abortable.js";
import { createDelaySpreadTracker, type DelaySpread, MIN_SAMPLES } from "./delay-spread.js";
import {
  RateLimitOptionError,
  RateLimitStoreError,
  RateLimitWaitTimeoutError,
  type StoreOperation,
} from "./errors.js";
import { checkKey } from "./key.js";
import { createMemoryStore } from "./memory-store.js";
import type { RateLimitObservation } from "./observation.js";
import {
  DEFAULT_SAFETY_MARGIN_MS,
  normalizeOptions,
  type RateLimiterOptions,
  type ResolvedRateLimiterOptions,
} from "./options.js";
import type { BlockAnchor, DelayReport, RateLimitStore, TakeResult } from "./store.js";
import { createWaitingLines, type Place } from "./waiting-line.js";

export interface AcquireOptions {
  /**
   * Aborting rejects `acquire` with `signal.reason` and clears its timers. A store call already
   * under way cannot be recalled and may still spend a slot: the limiter errs on the careful side.
   */
  signal?: AbortSignal;
  /** Overrides the limiter's `maxWaitMs` for this call (0: take a free slot now or throw). */
  maxWaitMs?: number;
}

export interface AcquireResult {
  /** How long `acquire` took to get the slot, in whole milliseconds (0 when one was free at once). */
  waitedMs: number;
  /**
   * When the slot was asked for, on the limiter's clock. Pass the result to `observe` with the
   * answer, so the limiter learns how long its slots take to reach the server.
   */
  grantedAt: number;
  /**
   * The store's name for the slot (when the store can settle slots): with it, `observe` lets the slot
   * stop counting as soon as its answer shows it may, rather than after the whole margin.
   */
  slotId?: string;
  /**
   * How many more slots the store would have granted with this one taken, when the store tells (the
   * limiter lets that many waiters in line ask at once). An answer's `X-RateLimit-Remaining: 0` on a
   * request whose own slot left none is no news (see `observe`).
   */
  remaining?: number;
}

/** What `observe` needs of a slot: what `acquire` resolved, and when the request left, if the caller knows. */
export interface ObservedSlot extends Pick<AcquireResult, "grantedAt" | "slotId" | "remaining"> {
  /**
   * When the request's first bytes were written to its connection, on the limiter's clock. With it, a
   * slot counts from when its request left, for a process that knows its own fastest time from leaving
   * to the answer (three warm answers): a request held up before leaving (a busy event loop, a burst,
   * a new connection) is seen rather than guessed at. The client measures it on Node's fetch.
   */
  sentAt?: number;
}

export interface ObserveResult {
  /** How long the key is now blocked for, in milliseconds (0 when the response did not call for a block). */
  blockedForMs: number;
  /**
   * Set when the block could not be written to the store, so other processes may not back off
   * (with `onStoreError: "memory"` this process still does). For logging; the response stands.
   */
  storeError?: RateLimitStoreError;
}

/** The budget the limiter applies to one key: the configured one, narrowed by what responses said. */
export interface KeyBudget {
  limit: number;
  intervalMs: number;
}

export interface RateLimiter {
  /**
   * Waits until a request for `key` may be sent and records it. Call it right before sending, once
   * per request (a retry is a new request). Throws `RateLimitWaitTimeoutError` when no slot comes
   * within `maxWaitMs`, `RateLimitStoreError` when the store fails (with `onStoreError: "throw"`),
   * and the abort reason when `signal` aborts. When it throws, do not send.
   */
  acquire(key: string, options?: AcquireOptions): Promise<AcquireResult>;
  /**
   * Adapts to what a response said (see `observationFromResponse`): a 429 or `remaining: 0` blocks
   * the key in the store, so every process sharing it backs off; a smaller `limit` or a longer
   * `intervalMs` than configured narrows this process's budget for the key. With `slot` (what
   * `acquire` resolved for this request) it also learns the delay from slot to answer, and with it
   * the safety margin, and settles the slot: a request cannot have reached the server after its answer
   * was read, so the slot stops counting one interval after the answer when that comes before the end
   * of its window (or, given `slot.sentAt`, one interval after the request left and the spread of the
   * times from leaving to the answer, when that comes first). Call it with the slot when no answer came too (a timeout, a lost connection): an
   * observation without `status` settles the slot as answered now and teaches nothing. With a fixed
   * `safetyMarginMs` nothing is learned or settled: each slot counts for its whole window. Never rejects
   * because of the store (see `ObserveResult.storeError`): the request has been sent by then, and an
   * error here must not make it look failed and be sent again.
   */
  observe(key: string, observation: RateLimitObservation, slot?: ObservedSlot): Promise<ObserveResult>;
  /** The margin `acquire` adds to the interval now, in ms: the fixed one, or what was learned. */
  safetyMarginMs(): number;
  /** The budget `acquire` applies to `key` now. */
  budgetFor(key: string): KeyBudget;
  readonly options: ResolvedRateLimiterOptions;
}

/** The least time an answer's delay counts for the margin, however short the interval. */
const MIN_HOLD_MS = 30_000;

/** What a settled slot counts for beyond one interval after its answer: the clocks' rounding. */
const ROUNDING_MS = 1;

/** A Retry-After beyond a day is a server error, not advice; the daily budget resets within one. */
const MAX_BLOCK_MS = 86_400_000;

function usableNumber(value: number | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/**
 * A limiter of requests per key (a location) over a sliding window, shared through its store.
 * Defaults: HighLevel's burst limit, 100 requests per 10 s, in this process's memory.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const resolved = normalizeOptions(options);
  const { store, storeTimeoutMs, clock } = resolved;
  const narrowed = new Map<string, Partial<KeyBudget>>();
  // The margin widens at once and narrows back slowly: a sample counts for three intervals, 30 s at least.
  const holdMs = Math.max(3 * resolved.intervalMs, MIN_HOLD_MS);
  const delays = createDelaySpreadTracker({ holdMs, now: () => clock.now() });
  // A process's first requests, those whose slots were taken before its first answer, open new
  // connections and run code not yet optimised: they reach the server later than any request after
  // them. Their own answers bound their slots; as a spread to expect of later requests they would cost
  // every window of the hold (100 ms a second, measured on `ghl-inbound send`), so they count only
  // until the process has seen enough of the others.
  const coldDelays = createDelaySpreadTracker({ holdMs, now: () => clock.now() });
  /**
   * From a request leaving to its answer (when the caller tells when it left), warm ones only. A cold
   * one's (a new connection, code not yet optimised) is no guide to the requests after it: it counts
   * for its own slot alone (see settleSlot).
   */
  const wireDelays = createDelaySpreadTracker({ holdMs, now: () => clock.now() });
  /** When this process read its first answer: slots taken before it are cold. */
  let firstAnsweredAt: number | undefined;

  function learnedSpread(): DelaySpread | undefined {
    const warm = delays.spread();
    const cold = coldDelays.spread();
    if (warm === undefined) return cold;
    if (cold === undefined || warm.samples >= MIN_SAMPLES) return warm;
    // Too few later answers to tell how they spread: the cold requests were late alike, so their
    // spread, not how much later than the others they were, is the guess.
    const widthMs = Math.max(warm.highMs - warm.lowMs, cold.highMs - cold.lowMs);
    return { highMs: warm.lowMs + widthMs, lowMs: warm.lowMs, samples: warm.samples + cold.samples };
  }

  function marginOf(spread: DelaySpread | undefined): number {
    if (resolved.safetyMarginMs !== undefined) return resolved.safetyMarginMs;
    if (spread === undefined || spread.samples < MIN_SAMPLES) return DEFAULT_SAFETY_MARGIN_MS;
    return spread.highMs - spread.lowMs + resolved.minSafetyMarginMs;
  }

  function safetyMarginMs(): number {
    return marginOf(learnedSpread());
  }

  /** The window a slot still out counts for: the interval and this process's margin. */
  function windowOf(budget: KeyBudget): number {
    return budget.intervalMs + safetyMarginMs();
  }

  /** What this process learned, for a store that shares it with the others on the key. */
  function delayReport(budget: KeyBudget): DelayReport | undefined {
    if (resolved.safetyMarginMs !== undefined) return undefined;
    const spread = learnedSpread();
    // Before its first answer, a process's requests may be cold (a new connection, code not yet
    // optimised) and later ones fast: it reports the starting margin as its spread, so every process
    // counts the key's current window with it.
    if (spread === undefined)
      return { intervalMs: budget.intervalMs, highMs: DEFAULT_SAFETY_MARGIN_MS, lowMs: 0 };
    // The fastest is how soon after leaving this process's next request may arrive (less the server's
    // time and the way back), and the slowest how late a request after it may: cold answers tell
    // neither (nothing tells whether a cold request's extra time was on the way out, and a cold fastest
    // let the warm requests after it arrive early), so both come from three warm answers at least.
    const wire = wireDelays.spread();
    return {
      intervalMs: budget.intervalMs,
      highMs: spread.highMs + resolved.minSafetyMarginMs,
      lowMs: spread.lowMs,
      ...(wire !== undefined &&
        wire.samples >= MIN_SAMPLES && {
          wireHighMs: wire.highMs + resolved.minSafetyMarginMs,
          wireLowMs: wire.lowMs,
        }),
    };
  }

  /**
   * Learns from one answer's delay, and settles its slot (see `RateLimitStore.settle`). A store that
   * cannot settle is told at once when the spread widened, rather than at this process's next take:
   * another process may take first, in the same moment a window frees. Best effort: a failure here
   * only delays the news until the next take, and leaves the slot counting for its whole window.
   */
  async function settleSlot(key: string, slot: ObservedSlot, isAnswered: boolean): Promise<void> {
    const now = clock.now();
    const answeredAfterMs = Math.max(0, now - slot.grantedAt);
    const isCold = firstAnsweredAt === undefined || slot.grantedAt < firstAnsweredAt;
    const before = learnedSpread();
    if (isAnswered) {
      (isCold ? coldDelays : delays).record(answeredAfterMs);
      firstAnsweredAt ??= now;
    }
    const after = learnedSpread();
    const sent = isAnswered ? learnSend(slot, now, isCold) : undefined;
    const target = isFallingBack ? fallbackStore : store;
    if (target === undefined) return;
    const budget = budgetFor(key);
    const report = delayReport(budget)!;
    let telling: Promise<void> | undefined;
    if (slot.slotId !== undefined && target.settle !== undefined) {
      // A request cannot reach the server after its answer was read: this bound assumes nothing of the
      // delays, so it needs no margin but for clock rounding. It is the only one for a cold slot: how
      // much of a cold request's extra time was on the way out, nothing tells, and its own
      // leaving-to-answer time covers it only if its way back was no quicker than the others' (a
      // quicker server put the next request in early, in a review's timeline test).
      const countsForMs = answeredAfterMs + budget.intervalMs + ROUNDING_MS;
      telling = target.settle(key, slot.slotId, {
        ...report,
        // A warm slot counts from when it left once this process's spread is known (three warm
        // answers): with its own time in the slowest too, not shared as the key's.
        ...(sent !== undefined &&
          !isCold &&
          report.wireHighMs !== undefined && {
            sentAfterMs: sent.sentAfterMs,
            wireMs: sent.wireMs + resolved.minSafetyMarginMs,
          }),
        windowMs: isCold ? Math.max(countsForMs, windowOf(budget)) : windowOf(budget),
        countsForMs,
      });
    } else if (target.share !== undefined && !isFallingBack) {
      // Before the first answer the store already counts with the starting margin (see delayReport).
      const isWider =
        before !== undefined &&
        after !== undefined &&
        (after.highMs > before.highMs || after.lowMs < before.lowMs);
      if (isWider) telling = target.share(key, windowOf(budget), report);
    }
    if (telling === undefined) return;
    try {
      await settleWithin(Promise.resolve(telling), storeTimeoutMs);
    } catch {
      // The next take carries the same news.
    }
  }

  /**
   * Learns the leaving-to-answer time of a slot whose caller told when its request left, and gives it
   * with the time from slot to leaving (and the clocks' rounding).
   */
  function learnSend(
    slot: ObservedSlot,
    now: number,
    isCold: boolean,
  ): { sentAfterMs: number; wireMs: number } | undefined {
    const { sentAt, grantedAt } = slot;
    if (sentAt === undefined || !Number.isFinite(sentAt) || sentAt < grantedAt || sentAt > now) return;
    if (!isCold) wireDelays.record(now - sentAt);
    return { sentAfterMs: sentAt - grantedAt + ROUNDING_MS, wireMs: now - sentAt };
  }

  // The fallback store exists only once the primary has failed with onStoreError: "memory".
  let fallbackStore: RateLimitStore | undefined;
  let isFallingBack = false;
  /** Keys that have sat out their first interval of the current outage. */
  const pausedKeys = new Set<string>();

  function budgetFor(key: string): KeyBudget {
    const seen = narrowed.get(key);
    return {
      limit: Math.min(resolved.limit, seen?.limit ?? resolved.limit),
      intervalMs: Math.max(resolved.intervalMs, seen?.intervalMs ?? resolved.intervalMs),
    };
  }

  async function callStore<T>(
    operation: StoreOperation,
    key: string,
    run: () => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    let work: Promise<T>;
    try {
      work = Promise.resolve(run());
    } catch (error) {
      work = Promise.reject(error);
    }
    let outcome: T | typeof TIMED_OUT;
    try {
      outcome = await settleWithin(work, storeTimeoutMs, signal);
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      throw new RateLimitStoreError({ key, operation, cause: error });
    }
    if (outcome === TIMED_OUT) throw new RateLimitStoreError({ key, operation, timeoutMs: storeTimeoutMs });
    if (isFallingBack) {
      isFallingBack = false;
      pausedKeys.clear();
    }
    return outcome;
  }

  function enterFallback(error: RateLimitStoreError): RateLimitStore {
    if (!isFallingBack) {
      isFallingBack = true;
      try {
        resolved.onFallback(error);
      } catch {
        // A logging hook must not decide whether a request goes out.
      }
    }
    fallbackStore ??= createMemoryStore();
    return fallbackStore;
  }

  async function takeFromFallback(
    memory: RateLimitStore,
    key: string,
    budget: KeyBudget,
  ): Promise<TakeResult> {
    const windowMs = windowOf(budget);
    if (!pausedKeys.has(key)) {
      pausedKeys.add(key);
      // Other replicas may have spent the whole shared budget in the current window.
      await memory.block(key, windowMs);
    }
    return memory.take(key, Math.min(resolved.fallbackLimit, budget.limit), windowMs);
  }

  async function takeSlot(key: string, signal: AbortSignal | undefined): Promise<TakeResult> {
    const budget = budgetFor(key);
    try {
      return await callStore(
        "take",
        key,
        () => store.take(key, budget.limit, windowOf(budget), delayReport(budget)),
        signal,
      );
    } catch (error) {
      if (!(error instanceof RateLimitStoreError) || resolved.onStoreError === "throw") throw error;
      return takeFromFallback(enterFallback(error), key, budget);
    }
  }

  /** The acquirers waiting for a slot, per key: only the first of each line asks the store. */
  const waiting = createWaitingLines();

  async function acquire(key: string, acquireOptions: AcquireOptions = {}): Promise<AcquireResult> {
    checkKey(key);
    const { signal } = acquireOptions;
    const maxWaitMs = acquireOptions.maxWaitMs ?? resolved.maxWaitMs;
    if (!usableNumber(maxWaitMs)) {
      throw new RateLimitOptionError(
        "maxWaitMs",
        `must be a finite number of milliseconds >= 0, got ${maxWaitMs}`,
      );
    }
    signal?.throwIfAborted();
    const startedAt = clock.now();
    const waitedMs = () => Math.round(clock.now() - startedAt);
    const timeoutError = (retryInMs: number) =>
      new RateLimitWaitTimeoutError({ key, waitedMs: waitedMs(), retryInMs, maxWaitMs });

    /** Takes a slot, or says how long until one may free (throwing when that is past maxWaitMs). */
    async function attempt(): Promise<AcquireResult | number> {
      // A turn can come in the same moment the caller gave up: it must not spend a slot.
      signal?.throwIfAborted();
      // Asked for, not answered: the store grants between the two, and the earlier time errs on the
      // careful side when the delay from slot to answer is learned.
      const askedAt = clock.now();
      let taken: TakeResult;
      try {
        taken = await takeSlot(key, signal);
      } catch (error) {
        // The others must not wait out the store's timeout one after another: each asks for itself.
        if (error instanceof RateLimitStoreError) waiting.open(key);
        throw error;
      }
      if (isFallingBack) waiting.open(key);
      const { allowed, retryInMs: answeredMs, slotId, remaining } = taken;
      if (allowed)
        return {
          waitedMs: waitedMs(),
          grantedAt: askedAt,
          ...(slotId !== undefined && { slotId }),
          ...(Number.isInteger(remaining) && { remaining }),
        };
      // At least 1 ms, so a custom store that answers 0 or NaN can neither spin the loop nor dodge maxWaitMs.
      const retryInMs = Number.isFinite(answeredMs) && answeredMs > 0 ? answeredMs : 1;
      if (waitedMs() + retryInMs > maxWaitMs) throw timeoutError(retryInMs);
      return retryInMs;
    }

    /** Waits for the place's turn in line, until the caller's deadline at most. */
    async function waitForTurn(place: Place): Promise<void> {
      const stop = new AbortController();
      const deadline = clock.sleep(Math.max(0, startedAt + maxWaitMs - clock.now()), stop.signal).then(
        () => TIMED_OUT,
        () => undefined,
      );
      try {
        const outcome = await settleUnlessAborted(Promise.race([place.turn(), deadline]), signal);
        if (outcome === TIMED_OUT) {
          const now = clock.now();
          throw timeoutError(Math.max(1, (waiting.nextSlotAt(key) ?? now) - now));
        }
      } finally {
        stop.abort();
      }
    }

    // A newcomer takes ahead of no one: with others waiting it joins the line, unless told not to wait.
    let retryInMs = 0;
    let slotAt: number | undefined;
    if (!waiting.isOrderly(key) || maxWaitMs === 0) {
      const first = await attempt();
      if (typeof first !== "number") return first;
      retryInMs = first;
      slotAt = clock.now() + retryInMs;
    } else {
      // The first in line was told when the next slot may free: no sooner can this one's come.
      const nextSlotAt = waiting.nextSlotAt(key)!;
      if (nextSlotAt - startedAt > maxWaitMs) throw timeoutError(Math.max(1, nextSlotAt - clock.now()));
    }
    const place = waiting.join(key, startedAt, maxWaitMs, slotAt);
    try {
      for (;;) {
        if (!place.isActive) {
          await waitForTurn(place);
          // The turn came as a slot was granted, or as the one before left: another may be free already.
          retryInMs = 0;
        }
        // Other processes' waiters may wake for the same freed slot; the losers are told the next.
        if (retryInMs > 0) await clock.sleep(retryInMs, signal);
        const result = await attempt();
        if (typeof result !== "number") {
          waiting.leave(key, place, result.remaining);
          return result;
        }
        retryInMs = result;
        if (!waiting.isOrderly(key)) continue;
        waiting.dropLate(
          key,
          clock.now() + retryInMs,
          (late) =>
            new RateLimitWaitTimeoutError({
              key,
              waitedMs: Math.round(clock.now() - late.startedAt),
              retryInMs,
              maxWaitMs: late.maxWaitMs,
            }),
        );
        // Behind the first, it waits for its turn again; the first looks again when told.
        waiting.pause(key, place);
      }
    } finally {
      waiting.leave(key, place);
    }
  }

  async function observe(
    key: string,
    observation: RateLimitObservation,
    slot?: ObservedSlot,
  ): Promise<ObserveResult> {
    checkKey(key);
    const { status, limit, remaining, intervalMs, retryAfterMs } = observation;
    const seen = { ...narrowed.get(key) };
    if (usableNumber(limit) && limit >= 1) {
      seen.limit = limit < resolved.limit ? Math.floor(limit) : undefined;
    }
    if (usableNumber(intervalMs) && intervalMs >= 1) {
      seen.intervalMs = intervalMs > resolved.intervalMs ? Math.ceil(intervalMs) : undefined;
    }
    if (seen.limit === undefined && seen.intervalMs === undefined) narrowed.delete(key);
    else narrowed.set(key, seen);
    // After the budget took in what this answer said: the answer that reveals a longer interval must
    // settle its own slot with it. A fixed margin learns nothing, and its slots count for the whole window.
    if (slot !== undefined && Number.isFinite(slot.grantedAt) && resolved.safetyMarginMs === undefined) {
      await settleSlot(key, slot, status !== undefined);
    }

    const isExhausted = status === 429 || (usableNumber(remaining) && remaining < 1);
    if (!isExhausted) return { blockedForMs: 0 };
    // A 429 is waited out from the answer, as its Retry-After says. "Remaining: 0" on an added message
    // means the window is full: it frees one interval after the window's first request, which the
    // store can tell, not one interval after this answer (that would lose the burst's own time).
    const isWindowFull = status !== 429 && !usableNumber(retryAfterMs);
    // The store gave this request the window's last slot: the server saying so is no news, and the store
    // refuses the next until a slot stops counting. A block from the first slot that counts now would be
    // too long: by the time the answer is read, the slots that filled the server's window may have ended,
    // and the block would hold back a slot the server has free, for a whole interval.
    if (isWindowFull && slot?.remaining !== undefined && remaining! >= slot.remaining)
      return { blockedForMs: 0 };
    const anchor: BlockAnchor = isWindowFull ? "window" : "now";
    const forMs = Math.min(
      MAX_BLOCK_MS,
      usableNumber(retryAfterMs)
        ? retryAfterMs
        : budgetFor(key).intervalMs + (isWindowFull ? safetyMarginMs() : 0),
    );
    if (forMs <= 0) return { blockedForMs: 0 };
    try {
      const blocked = await callStore(
        "block",
        key,
        () => store.block(key, forMs, anchor, delayReport(budgetFor(key))),
        undefined,
      );
      return { blockedForMs: typeof blocked === "number" ? blocked : forMs };
    } catch (error) {
      // callStore throws only RateLimitStoreError here: there is no signal to abort with.
      const storeError = error as RateLimitStoreError;
      if (resolved.onStoreError === "throw") return { blockedForMs: 0, storeError };
      await enterFallback(storeError).block(key, forMs);
      return { blockedForMs: forMs, storeError };
    }
  }

  return { acquire, observe, budgetFor, safetyMarginMs, options: resolved };
}
