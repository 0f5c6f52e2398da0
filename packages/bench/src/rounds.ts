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

/** Microseconds per request by contestant: the median over rounds, and each round's mean. */
export interface RoundsResult {
  median: Record<string, number>;
  perRound: Record<string, number[]>;
}

/**
 * Runs every contestant in each round, rotating who goes first, so that a slow moment of the
 * machine (GC, another process) is shared out instead of landing on one of them; the median of
 * the rounds then drops the rounds it spoiled. Same process, same server, same payload.
 */
export async function compareInRounds(
  contestants: readonly Contestant[],
  settings: RoundSettings,
): Promise<RoundsResult> {
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
  return {
    median: Object.fromEntries([...perRound].map(([name, times]) => [name, median(times)])),
    perRound: Object.fromEntries(perRound),
  };
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

/**
 * The median of `a / b` taken round by round: a second reading of the same rounds that a slow drift
 * of the machine (both contestants slower in the same rounds) cannot move.
 */
export function medianPairedRatio(rounds: RoundsResult, a: string, b: string): number {
  const over = rounds.perRound[a]!;
  const under = rounds.perRound[b]!;
  return median(over.map((value, index) => value / under[index]!));
}
