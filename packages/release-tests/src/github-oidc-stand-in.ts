import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * GitHub Actions' ID-token endpoint, played on 127.0.0.1: it records the audience of every token asked for
 * and hands out a token that is not a valid JWT, so pnpm's provenance signing stops on this machine, before
 * it would contact sigstore. Asking for an `audience=sigstore` token is how pnpm starts a provenance statement.
 */
export interface GitHubOidcStandIn {
  /** The variables a GitHub Actions job with `permissions: id-token: write` has, pointed at this stand-in. */
  readonly env: Readonly<Record<string, string>>;
  /** The `audience` of each token requested so far, in order. */
  readonly audiences: readonly string[];
  stop(): Promise<void>;
}

const UNSIGNABLE_TOKEN = "not-a-jwt";

export async function startGitHubOidcStandIn(): Promise<GitHubOidcStandIn> {
  const audiences: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    audiences.push(url.searchParams.get("audience") ?? "");
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ value: UNSIGNABLE_TOKEN }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: {
      CI: "true",
      GITHUB_ACTIONS: "true",
      ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "rehearsal-request-token",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "ghl-inbound/ghl-inbound",
      GITHUB_REPOSITORY_ID: "1",
      GITHUB_REPOSITORY_OWNER_ID: "1",
      GITHUB_WORKFLOW_REF: "ghl-inbound/ghl-inbound/.github/workflows/release.yml@refs/heads/main",
      GITHUB_REF: "refs/heads/main",
      GITHUB_SHA: "0".repeat(40),
      GITHUB_EVENT_NAME: "push",
      GITHUB_RUN_ID: "1",
      GITHUB_RUN_ATTEMPT: "1",
      RUNNER_ENVIRONMENT: "github-hosted",
    },
    audiences,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
