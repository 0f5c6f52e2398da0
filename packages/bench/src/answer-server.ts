import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface AnswerServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Requests answered so far: a run that answered fewer than it sent measured nothing. */
  readonly answered: number;
  close(): Promise<void>;
}

/**
 * A node:http server on a free loopback port that reads each request body to the end and answers
 * every request with the same status, headers and JSON body. Keep-alive stays on (Node's default),
 * as it would against HighLevel: every contestant reuses its connections.
 */
export async function startAnswerServer(answer: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}): Promise<AnswerServer> {
  const payload = Buffer.from(JSON.stringify(answer.body));
  const headers = {
    ...answer.headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(payload.length),
  };
  let answered = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.once("end", () => {
      answered += 1;
      response.writeHead(answer.status, headers);
      response.end(payload);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get answered() {
      return answered;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
