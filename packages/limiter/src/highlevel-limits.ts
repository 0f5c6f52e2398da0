// HighLevel's published limits for its API (docs/oauth/Authorization.md), per app per resource (a
// location or company): every package reads them from here.

/** Requests allowed per burst interval. */
export const HIGHLEVEL_BURST_LIMIT = 100;
/** The burst interval, in ms. */
export const HIGHLEVEL_BURST_INTERVAL_MS = 10_000;
/** Requests allowed per day. */
export const HIGHLEVEL_DAILY_LIMIT = 200_000;
