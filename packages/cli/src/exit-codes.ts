/**
 * What `ghl-inbound send` exits with. A script can tell "re-run later" (3, 130) from "look at the
 * failures" (1) from "fix the input first" (2).
 */
export const EXIT_CODES = {
  /** Every line is done: added now or in an earlier run. */
  allDone: 0,
  /** The run ended with lines not done: failed, unknown (may have been added), or invalid and skipped. */
  notAllDone: 1,
  /** Nothing was sent: invalid lines, an input that no longer matches its journal, or a bad command line. */
  invalidInput: 2,
  /** Stopped at HighLevel's daily limit; lines in flight were journaled. Re-run after the reset. */
  dailyLimit: 3,
  /** Stopped by SIGINT or SIGTERM; lines in flight were journaled. Re-run to resume. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
