// When each attempt's request left: its first bytes written to the connection, as Node's fetch (undici)
// tells through diagnostics channels. The rate limiter then counts the attempt's slot from that moment
// (see the limiter's `ObservedSlot.sentAt`) rather than guessing how long a busy event loop, a burst or
// a new connection held it up. Elsewhere (a browser, a fetch that is not Node's) nothing is measured and
// the limiter counts as before. Node's modules are reached through process.getBuiltinModule rather than
// imported, so that a browser bundle of the client carries none of them.
import type { AsyncLocalStorage } from "node:async_hooks";
import type * as DiagnosticsChannel from "node:diagnostics_channel";

/** What is measured of one attempt: when its request left, on performance.now(). */
export interface SendTiming {
  sentAt?: number;
}

export interface SendTimer {
  /** Runs `send`, noting in `timing` when the request it makes through Node's fetch leaves. */
  measure<T>(timing: SendTiming, send: () => Promise<T>): Promise<T>;
}

interface NodeBuiltins {
  (id: "node:async_hooks"): { AsyncLocalStorage: typeof AsyncLocalStorage };
  (id: "node:diagnostics_channel"): typeof DiagnosticsChannel;
}

let timer: SendTimer | null | undefined;

/** The process's one timer (the channels are subscribed once), or undefined where it cannot measure. */
export function sendTimer(): SendTimer | undefined {
  timer ??= createSendTimer();
  return timer ?? undefined;
}

function createSendTimer(): SendTimer | null {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: NodeBuiltins } }).process
    ?.getBuiltinModule;
  if (typeof getBuiltinModule !== "function") return null;
  try {
    const { AsyncLocalStorage } = getBuiltinModule("node:async_hooks");
    const attempts = new AsyncLocalStorage<SendTiming>();
    const channels = getBuiltinModule("node:diagnostics_channel");
    // undici creates its request in the async context of the fetch call, and writes it later, wherever
    // a connection frees: the request object ties the two.
    const owners = new WeakMap<object, SendTiming>();
    channels.subscribe("undici:request:create", (message) => {
      const timing = attempts.getStore();
      const { request } = message as { request: object };
      if (timing !== undefined) owners.set(request, timing);
    });
    channels.subscribe("undici:client:sendHeaders", (message) => {
      const timing = owners.get((message as { request: object }).request);
      if (timing !== undefined && timing.sentAt === undefined) timing.sentAt = performance.now();
    });
    return { measure: (timing, send) => attempts.run(timing, send) };
  } catch {
    // A runtime that has getBuiltinModule but not these modules (or not their API): nothing is measured.
    return null;
  }
}
