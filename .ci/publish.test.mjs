// Runs with the root `test:ci` script: where the release's publish command turns provenance on. The command
// itself is run against a real Verdaccio by packages/release-tests (test/release-rehearsal.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { provenanceFor, publishArguments } from "./publish.mjs";

const OIDC = { ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.example/x", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "t" };

describe("provenanceFor", () => {
  it("is on in a GitHub Actions job that can ask for an OIDC token", () => {
    assert.equal(provenanceFor({ GITHUB_ACTIONS: "true", ...OIDC }).provenance, true);
  });

  it("refuses a GitHub Actions job without id-token: write rather than publish unsigned", () => {
    assert.match(provenanceFor({ GITHUB_ACTIONS: "true" }).error, /id-token: write/);
  });

  it("is off elsewhere (a laptop, the Verdaccio rehearsal)", () => {
    assert.equal(provenanceFor({}).provenance, false);
    assert.equal(provenanceFor({ ...OIDC }).provenance, false);
  });
});

describe("publishArguments", () => {
  it("adds --provenance when provenance is on, and only then", () => {
    const on = publishArguments({ provenance: true });
    const off = publishArguments({ provenance: false });
    assert.deepEqual(on.slice(0, 2), ["publish", "--recursive"]);
    assert.ok(on.includes("--provenance"));
    assert.deepEqual(
      off,
      on.filter((arg) => arg !== "--provenance"),
    );
  });
});
