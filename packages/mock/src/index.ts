export type { MockServerOptions } from "./options.js";
export type { Quirk, QuirkName } from "./quirks.js";
export { QUIRKS } from "./quirks.js";
export type { RecordedRequest } from "./request-log.js";
export { type MockServer, startMockServer } from "./server.js";
export type { OpenApiDocument, SpecSource } from "./spec.js";
export type { Violation } from "./violations.js";
