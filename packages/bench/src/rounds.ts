import { median } from "./stats.js";

/** One way of sending the request; it rejects when the answer is not the documented success. */
export interface Contestant {
  name: string;
  send(): Promise<void>;
}

export interface RoundSettings {
  /** Requests each contestant sends before anything is timed (JIT, connection pool, lazy compiles). */
  warmupRequests: number;
  rounds: number;
  requestsPerRound: number;
  /** Requests in flight at once within a round; 1 means strictly one after the other. */
  inFlight: number;
}

/** Median over rounds of each contestant's mean time per request, in microseconds, by name. */
export type MicrosecondsByName = Record<string, number>;

/**
 * Runs every contestant in each round, rotating who goes first, so that a slow moment of the
 * machine (GC, another process) is shared out instead of landing on one of them; the median of
 * the rounds then drops the rounds it spoiled. Same process, same server, same payload.
 */
export async function compareInRounds(
  contestants: readonly Contestant[],
  settings: RoundSettings,
): Promise<MicrosecondsByName> {
  for (const contestant of contestants)
    await sendBatch(contestant, settings.warmupRequests, settings.inFlight);
  const perRound = new Map<string, number[]>(contestants.map((contestant) => [contestant.name, []]));
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = contestants.map((_, index) => contestants[(index + round) % contestants.length]!);
    for (const contestant of order) {
      const startedAt = performance.now();
      await sendBatch(contestant, settings.requestsPerRound, settings.inFlight);
      const elapsedUs = (performance.now() - startedAt) * 1000;
      perRound.get(contestant.name)!.push(elapsedUs / settings.requestsPerRound);
    }
  }
  return Object.fromEntries([...perRound].map(([name, times]) => [name, median(times)]));
}

/** Sends `count` requests, `inFlight` at a time, each worker starting its next as its last settles. */
async function sendBatch(contestant: Contestant, count: number, inFlight: number): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      await contestant.send();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
}
