// Hand-made rather than node:timers/promises: an abort must reject with the caller's own reason
// (not a generic AbortError), and the package (and @ghl-inbound/client, which uses these) must stay
// loadable outside Node.

export const TIMED_OUT: unique symbol = Symbol("timed out");

/**
 * Resolves after `ms`; rejects with `signal.reason` on abort, clearing the timer. The work it waits on
 * never settles, so only the timer or the abort can end it; a new one each time, so that no
 * long-lived promise collects the handlers of every sleep.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  await settle(new Promise<never>(() => {}), ms, signal);
}

/**
 * Settles with `work`, or with TIMED_OUT after `timeoutMs`, or rejects with `signal.reason`,
 * whichever comes first. `work` cannot be cancelled: a late result is dropped, and a late failure
 * is caught here so it never surfaces as an unhandled rejection.
 */
export function settleWithin<T>(
  work: Promise<T>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<T | typeof TIMED_OUT> {
  return settle(work, timeoutMs, signal);
}

/**
 * Settles with `work`, or rejects with `signal.reason` as soon as it aborts: work that never settles
 * (a token function, a store) must not hold a caller who gave up. Without a signal, `work` itself.
 */
export function settleUnlessAborted<T>(work: T | Promise<T>, signal?: AbortSignal): Promise<T> {
  const promise = Promise.resolve(work);
  return signal === undefined ? promise : (settle(promise, undefined, signal) as Promise<T>);
}

function settle<T>(
  work: Promise<T>,
  timeoutMs: number | undefined,
  signal: AbortSignal | undefined,
): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      cleanUp();
      reject(signal?.reason);
    };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            cleanUp();
            resolve(TIMED_OUT);
          }, timeoutMs);
    work.then(
      (value) => {
        cleanUp();
        resolve(value);
      },
      (error: unknown) => {
        cleanUp();
        reject(error);
      },
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
