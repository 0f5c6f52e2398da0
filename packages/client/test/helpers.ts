import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { vi } from "vitest";
import type { InboundMessageRequest, InboundMessageResponse, RetryEvent } from "../src/index.js";

/** What the server received: every request is recorded once its body has been read. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One scripted answer. `json` is sent as JSON, `text` as is; with neither the body is empty.
 * `chunked` sends an empty or short body without Content-Length.
 */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  chunked?: boolean;
}

/**
 * A misbehaviour, or a Reply.
 * - "hang": read the request, never answer.
 * - "reset": read the request, then destroy the socket (the request was received).
 * - "headers-then-hang": send 200 headers and half a body, then go silent.
 * - "headers-then-reset": send 200 headers and half a body, then destroy the socket.
 * - a function: full control.
 */
export type Step =
  | Reply
  | "hang"
  | "reset"
  | "headers-then-hang"
  | "headers-then-reset"
  | ((request: IncomingMessage, response: ServerResponse, recorded: RecordedRequest) => void);

export interface MisbehavingServer {
  /** http://127.0.0.1:<port>, to pass as baseUrl. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real node:http server on 127.0.0.1 and a free port, answering request N with step N (the last
 * step repeats), and recording every request it received: a test asserts both what the client
 * did and what reached the wire. No fetch is mocked.
 */
export async function startMisbehavingServer(script: Step | Step[]): Promise<MisbehavingServer> {
  const steps = Array.isArray(script) ? script : [script];
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const recorded: RecordedRequest = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const step = steps[Math.min(requests.length, steps.length) - 1]!;
      play(step, request, response, recorded);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function play(
  step: Step,
  request: IncomingMessage,
  response: ServerResponse,
  recorded: RecordedRequest,
): void {
  if (typeof step === "function") {
    step(request, response, recorded);
    return;
  }
  switch (step) {
    case "hang":
      return;
    case "reset":
      request.socket.destroy();
      return;
    case "headers-then-hang":
    case "headers-then-reset":
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "500" });
      response.write('{"success":true,');
      if (step === "headers-then-reset") setTimeout(() => request.socket.destroy(), 20);
      return;
  }
  const body = step.json !== undefined ? JSON.stringify(step.json) : (step.text ?? "");
  const headers: Record<string, string> = { ...step.headers };
  if (step.json !== undefined) headers["Content-Type"] ??= "application/json";
  if (step.chunked) {
    response.writeHead(step.status, headers);
    response.write("");
    response.end(body);
    return;
  }
  headers["Content-Length"] ??= String(Buffer.byteLength(body));
  response.writeHead(step.status, headers);
  response.end(body);
}

/** A port nothing listens on: bound once to get it from the OS, then released. */
export async function getClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const SUCCESS: InboundMessageResponse = {
  success: true,
  conversationId: "ABC12h2F6uBrIkfXYazb",
  messageId: "t22c6DQcTDf3MjRhwf77",
  message: "Message added",
  contactId: "ve9EPM428h8vShlRW1KT",
  dateAdded: "2024-07-29T15:51:28.071Z",
};

export const SMS: InboundMessageRequest = {
  type: "SMS",
  contactId: "ve9EPM428h8vShlRW1KT",
  conversationProviderId: "61d6d1f9cdac7612faf80753",
  message: "Hi, is my order on its way?",
};

/** The request every error describes, for tests that build errors without sending. */
export const REQUEST = {
  method: "POST",
  url: "https://services.leadconnectorhq.com/conversations/messages/inbound",
};

/** An answer as errors see it: status "Reason", lower-case headers, the parsed body. */
export function answerOf(status: number, headers: Record<string, string> = {}, body: unknown = undefined) {
  return { ...REQUEST, status, statusText: "Reason", body, headers };
}

/** Long and distinctive, so that a leak anywhere is found by a plain substring search. */
export const TOKEN = "pit-3f9c2b7e-SECRET-TOKEN-d41d8cd98f00b204";

/** Settles a promise into its error, failing the test if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** `count` messages with unique altIds `<prefix>-<index>`, each a valid SMS. */
export function numberedMessages(prefix: string, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    type: "SMS" as const,
    contactId: "ve9EPM428h8vShlRW1KT",
    conversationProviderId: "61d6d1f9cdac7612faf80753",
    message: `message ${index}`,
    altId: `${prefix}-${index}`,
  }));
}

/**
 * Puts the client's timers (each attempt's timeout, the wait before a retry) on vitest's fake clock,
 * which moves only when a test moves it; sockets, servers and setImmediate stay real. A test that
 * calls this undoes it with vi.useRealTimers() (in an afterEach).
 */
export function fakeClientTimers({ now }: { now?: number } = {}): void {
  // With `now`, Date too, standing still at `now`: for an HTTP-date Retry-After, read against it.
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", ...(now === undefined ? [] : ["Date" as const])],
    now,
  });
}

/**
 * A Step for a test on fakeClientTimers: reads the request, never answers, and moves the fake clock on
 * by `ms`. A timeout of `ms` then ends the attempt, and only once its request is at the server, however
 * long the request took to get there.
 */
export function hangThenAdvance(ms: number): Step {
  return () => {
    setImmediate(() => vi.advanceTimersByTime(ms));
  };
}

/** An onRetry for a test on fakeClientTimers: moves the fake clock on by the wait, once the client has started it. */
export function advanceThroughRetryWait(event: RetryEvent): void {
  setImmediate(() => vi.advanceTimersByTime(event.delayMs));
}
