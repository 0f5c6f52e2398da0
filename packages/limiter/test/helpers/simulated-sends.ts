import type { RateLimiter } from "../../src/index.js";

export interface SimulatedRun {
  /** When each request reached the (simulated) server, on the fake clock. */
  arrivals: number[];
}

/**
 * Sends `requests` through `limiter` on fake timers, one after the other as slots come: request i
 * reaches the server `delayOf(i)` ms after its slot and is answered `answerMs` later, when the limiter
 * observes the answer with its slot. No socket and no real clock: the test advances the timers.
 */
export async function simulateSends(
  limiter: RateLimiter,
  options: { key: string; requests: number; delayOf: (index: number) => number; answerMs: number },
): Promise<SimulatedRun> {
  const arrivals: number[] = [];
  const answers: Promise<unknown>[] = [];
  for (let index = 0; index < options.requests; index++) {
    const slot = await limiter.acquire(options.key);
    answers.push(
      wait(options.delayOf(index))
        .then(() => arrivals.push(performance.now()))
        .then(() => wait(options.answerMs))
        .then(() => limiter.observe(options.key, { status: 200 }, slot)),
    );
  }
  await Promise.all(answers);
  return { arrivals };
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
