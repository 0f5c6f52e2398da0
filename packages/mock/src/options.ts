import type { SpecSource } from "./spec.js";

export interface MockServerOptions {
  /** Port to listen on; `0` picks a free one (read it back from `port` or `url`). @default 0 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** Generate bodies from the schemas instead of answering the spec's examples. @default false */
  dynamic?: boolean;
  /**
   * The OpenAPI document to mock: a file path, an `http(s):`/`file:` URL, or the parsed object.
   * @default the spec shipped in this package (HighLevel's Add an inbound message)
   */
  spec?: SpecSource;
  /** Where the ready line (and request lines) go; `false` prints nothing. @default console.log */
  log?: ((line: string) => void) | false;
  /** Also log one line per request (method, path, status, the problem): never headers or tokens. @default false */
  logRequests?: boolean;
}

export interface ResolvedMockServerOptions {
  port: number;
  host: string;
  dynamic: boolean;
  spec: SpecSource | undefined;
  log: (line: string) => void;
  logRequests: boolean;
}

export const DEFAULT_OPTIONS = { port: 0, host: "127.0.0.1", dynamic: false, logRequests: false } as const;

/** Checks what a caller passed once, so that a typo fails here with the option's name, not later in listen(). */
export function normalizeOptions(options: MockServerOptions = {}): ResolvedMockServerOptions {
  const port = options.port ?? DEFAULT_OPTIONS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`startMockServer: port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  const host = options.host ?? DEFAULT_OPTIONS.host;
  if (typeof host !== "string" || host.trim() === "") {
    throw new TypeError(`startMockServer: host must be a non-empty string, got ${String(host)}`);
  }
  const dynamic = options.dynamic ?? DEFAULT_OPTIONS.dynamic;
  if (typeof dynamic !== "boolean") {
    throw new TypeError(`startMockServer: dynamic must be a boolean, got ${String(dynamic)}`);
  }
  const spec = options.spec;
  if (spec !== undefined && typeof spec !== "string" && typeof spec !== "object") {
    throw new TypeError("startMockServer: spec must be a path, a URL or an OpenAPI document object");
  }
  const log = options.log === false ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  return { port, host, dynamic, spec, log, logRequests: options.logRequests ?? DEFAULT_OPTIONS.logRequests };
}
