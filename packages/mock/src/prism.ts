/**
 * The only file that knows Prism's API. Prism runs in this process (no child to leave behind):
 * @stoplight/prism-http routes, checks security, validates the request against the spec and picks
 * or generates the answer; the HTTP server around it is ours (server.ts).
 */
import { createLogger } from "@stoplight/prism-core";
import {
  createInstance,
  getHttpOperationsFromSpec,
  type IHttpConfig,
  type IHttpRequest,
} from "@stoplight/prism-http";
import type { OpenApiDocument } from "./spec.js";
import type { PrismDiagnostic } from "./violations.js";

export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON, the raw text of a non-JSON body, or `undefined` for none. */
  body: unknown;
}

export interface PrismRequestPreferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  seed?: string;
}

/** Prism found an answer in the spec: an example or generated body, possibly for an invalid request. */
export interface PrismAnswer {
  kind: "answer";
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** What was wrong with the request (Prism still answers, with the spec's 400 or 401). */
  requestDiagnostics: PrismDiagnostic[];
  /** True when the security check failed (no or a non-bearer Authorization header). */
  isUnauthorized: boolean;
}

/** Prism could not answer from the spec: no such route or method, or a Prefer it cannot satisfy. */
export interface PrismFailure {
  kind: "failure";
  status: number;
  title: string;
  detail: string;
  headers: Record<string, string>;
}

export interface PrismMock {
  respond(request: MockRequest, preferences: PrismRequestPreferences): Promise<PrismAnswer | PrismFailure>;
}

/** Prism's errors are Errors carrying a problem+json's status and detail. */
interface PrismError extends Error {
  status?: number;
  detail?: string;
  additional?: { headers?: Record<string, unknown> };
}

const SECURITY_CODE = 401;

export async function createPrismMock(
  document: OpenApiDocument,
  options: { dynamic: boolean },
): Promise<PrismMock> {
  // Prism's ref parser dereferences the document in place: give it its own copy.
  const operations = await getHttpOperationsFromSpec(structuredClone(document));
  if (operations.length === 0)
    throw new Error("spec: it declares no operation, so the mock would answer nothing");
  const config: IHttpConfig = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
    mock: { dynamic: options.dynamic },
  };
  const prism = createInstance(config, { logger: createLogger("ghl-inbound-mock", { enabled: false }) });

  return {
    async respond(request, preferences) {
      const input: IHttpRequest = {
        method: request.method.toLowerCase() as IHttpRequest["method"],
        url: { path: request.path, query: queryOf(request.query) },
        headers: request.headers,
        body: request.body,
      };
      const mock = {
        dynamic: preferences.dynamic ?? options.dynamic,
        ...(preferences.code !== undefined && { code: preferences.code }),
        ...(preferences.example !== undefined && { exampleKey: preferences.example }),
        ...(preferences.seed !== undefined && { seed: preferences.seed }),
      };
      const result = await prism.request(input, operations, { ...config, mock })();
      if (result._tag === "Left") return failureOf(result.left as PrismError);
      const { output, validations } = result.right;
      const requestDiagnostics = validations.input as PrismDiagnostic[];
      return {
        kind: "answer",
        status: output.statusCode,
        headers: stringValues(output.headers ?? {}),
        body: output.body,
        requestDiagnostics,
        isUnauthorized: requestDiagnostics.some((diagnostic) => diagnostic.code === SECURITY_CODE),
      };
    },
  };
}

function failureOf(error: PrismError): PrismFailure {
  return {
    kind: "failure",
    status: error.status ?? 500,
    title: error.message,
    detail: error.detail ?? error.message,
    headers: stringValues(error.additional?.headers ?? {}),
  };
}

function queryOf(query: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    result[key] = values.length === 1 ? values[0]! : values;
  }
  return result;
}

function stringValues(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}
