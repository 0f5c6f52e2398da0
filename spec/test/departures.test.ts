import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { covers, differencesOf, factsOf, namedDeparturesOf } from "../scripts/facts.mjs";
import { upstreamFactsFile } from "../scripts/highlevel-facts.mjs";

type Document = Record<string, unknown> & {
  components: { schemas: Record<string, Record<string, unknown>> };
};

const readSpec = (): Document => parse(readFileSync(new URL("../openapi.yaml", import.meta.url), "utf8"));
const recorded = JSON.parse(
  readFileSync(new URL("../upstream/highlevel-facts.json", import.meta.url), "utf8"),
) as {
  repository: string;
  files: { path: string; commit: string | null; facts: Record<string, unknown> }[];
};
/** apps/conversations.json: the file the spec's departures are named against. */
const upstream = recorded.files[0]!;

/** The differences from HighLevel's facts that no departure names, and the named ones that differ in nothing. */
function auditOf(spec: Document) {
  const differences = differencesOf(upstream.facts, factsOf(spec));
  const named = namedDeparturesOf(spec);
  return {
    differences,
    unnamed: differences.filter((key) => !named.some(({ fact }) => covers(fact, key))),
    stale: named.filter(({ fact }) => !differences.some((key) => covers(fact, key))).map(({ fact }) => fact),
    withoutReason: named.filter(({ hasReason }) => !hasReason).map(({ fact, at }) => `${fact} at ${at}`),
  };
}

describe("spec/openapi.yaml against HighLevel's published file", () => {
  it("names the upstream files and commits it was distilled from, in the facts and in the spec's info", () => {
    expect(recorded.repository).toBe("GoHighLevel/highlevel-api-docs");
    expect(recorded.files.map(({ path, commit }) => ({ path, commit }))).toEqual([
      { path: "apps/conversations.json", commit: "d9cbcd5adb6df45c3efcfd09155592312e1ca4b5" },
      { path: "apps/v3/conversations-v3.json", commit: "0af86a4cbd48c66a4071c7e509d1079f9f10ed17" },
    ]);
    const files = (
      readSpec().info as { "x-ghl-inbound-upstream": { files: { path: string; commit?: string }[] } }
    )["x-ghl-inbound-upstream"].files;
    for (const { path, commit } of recorded.files)
      expect(files).toContainEqual(expect.objectContaining({ path, commit }));
  });

  it("differs from HighLevel's v3 file (both ids required, Version v3) where the v2 file does, and in Version", () => {
    const v3 = recorded.files[1]!.facts;
    expect(differencesOf(upstream.facts, v3)).toEqual(["header.Version.enum"]);
    expect(v3["header.Version.enum"]).toEqual(["v3"]);
    expect(v3["request.field.type.enum"]).toHaveLength(17);
    expect(v3["request.field.contactId.required"]).toBe(true);
  });

  it("differs from HighLevel's facts only where an x-ghl-inbound-departure names the difference", () => {
    const { differences, unnamed } = auditOf(readSpec());
    expect(differences.length).toBeGreaterThan(0);
    expect(unnamed).toEqual([]);
  });

  it("names no departure that is not a difference, and gives each its reason", () => {
    const { stale, withoutReason } = auditOf(readSpec());
    expect(stale).toEqual([]);
    expect(withoutReason).toEqual([]);
  });

  const silentChanges: [string, (spec: Document) => void][] = [
    [
      "a field's type changed",
      (spec) => {
        (spec.components.schemas.InboundMessageFields!.properties as Record<string, Record<string, unknown>>)
          .altId!.type = "number";
      },
    ],
    [
      "a field dropped",
      (spec) => {
        delete (spec.components.schemas.InboundMessageFields!.properties as Record<string, unknown>).emailTo;
      },
    ],
    [
      "a type value dropped",
      (spec) => {
        (spec.components.schemas.InboundMessageType!.enum as string[]).pop();
      },
    ],
    [
      "a field made required",
      (spec) => {
        (spec.components.schemas.InboundMessageFields!.required as string[]).push("message");
      },
    ],
    [
      "a response field added",
      (spec) => {
        (spec.components.schemas.UnauthorizedResponse!.properties as Record<string, unknown>).traceId = {
          type: "string",
        };
      },
    ],
    [
      "a response removed",
      (spec) => {
        const paths = spec.paths as Record<string, { post: { responses: Record<string, unknown> } }>;
        delete paths["/conversations/messages/inbound"]!.post.responses["401"];
      },
    ],
    [
      "a call status added",
      (spec) => {
        (spec.components.schemas.CallStatus!.enum as string[]).push("ringing");
      },
    ],
  ];

  it.each(silentChanges)("fails when %s without a departure naming it", (_name, change) => {
    const spec = readSpec();
    change(spec);
    expect(auditOf(spec).unnamed.length).toBeGreaterThan(0);
  });

  it("fails when a departure's reason is removed", () => {
    const spec = readSpec();
    delete spec.components.schemas.CallData!["x-ghl-inbound-departure"];
    expect(auditOf(spec).withoutReason).toEqual([
      "request.field.call.additionalProperties at #/components/schemas/CallData",
    ]);
  });
});

describe("highlevel-facts.mjs", () => {
  it("distils both upstream files, following refs into common/ (and v3's misplaced ../common), to the committed facts' form", () => {
    const directory = mkdtempSync(join(tmpdir(), "highlevel-api-docs-"));
    try {
      writeUpstreamCopy(directory);
      const [v2, v3] = upstreamFactsFile(directory).files;
      expect(v2).toMatchObject({ path: "apps/conversations.json", commit: null });
      expect(v2!.facts).toEqual({
        "header.Version.enum": ["2021-04-15"],
        "header.Version.required": true,
        "header.Version.type": "string",
        "operation.operationId": "add-an-inbound-message",
        "operation.security": ["bearer: conversations/message.write"],
        "request.field.call.field.to.required": false,
        "request.field.call.field.to.type": "string",
        "request.field.call.required": false,
        "request.field.call.type": "object",
        "request.field.type.enum": ["Email", "SMS"],
        "request.field.type.required": true,
        "request.field.type.type": "string",
        "request.type": "object",
        "response.400.declared": true,
        "response.400.field.message.required": false,
        "response.400.field.message.type": "string",
        "response.400.field.statusCode.required": false,
        "response.400.field.statusCode.type": "number",
        "response.400.headers": [],
        "response.400.type": "object",
        "server.url": "https://services.leadconnectorhq.com",
      });
      expect(v3).toMatchObject({ path: "apps/v3/conversations-v3.json", commit: null });
      expect(v3!.facts["header.Version.enum"]).toEqual(["v3"]);
      // From apps/v3/common/common-schemas.json, where `../common/...` of apps/v3/ really is.
      expect(v3!.facts["response.400.field.traceId.type"]).toBe("string");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  describe("--check, on a git repository made here", () => {
    const script = fileURLToPath(new URL("../scripts/highlevel-facts.mjs", import.meta.url));
    let directory: string;
    let factsFile: string;
    const git = (...args: string[]) =>
      execFileSync(
        "git",
        ["-c", "user.name=test", "-c", "user.email=test@example.com", "-C", directory, ...args],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
    const run = (...args: string[]) => {
      try {
        const stdout = execFileSync(process.execPath, [script, directory, `--facts=${factsFile}`, ...args], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        });
        return { code: 0, stdout, stderr: "" };
      } catch (error) {
        const failed = error as { status: number; stdout: string; stderr: string };
        return { code: failed.status, stdout: failed.stdout, stderr: failed.stderr };
      }
    };

    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), "highlevel-api-docs-git-"));
      factsFile = join(directory, "..", `${basename(directory)}-facts.json`);
      writeUpstreamCopy(directory);
      git("init", "-q");
      git("add", ".");
      git("commit", "-qm", "upstream");
      expect(run().code).toBe(0);
    });
    afterEach(() => {
      rmSync(directory, { recursive: true, force: true });
      rmSync(factsFile, { force: true });
    });

    it("records the commit that last changed each file", () => {
      const head = git("rev-parse", "HEAD").trim();
      const written = JSON.parse(readFileSync(factsFile, "utf8")) as { files: { commit: string }[] };
      expect(written.files.map((file) => file.commit)).toEqual([head, head]);
    });

    it("passes when only the recorded file's formatting differs (facts, not text, are compared)", () => {
      const written = JSON.parse(readFileSync(factsFile, "utf8"));
      writeFileSync(factsFile, JSON.stringify(written));
      const result = run("--check");
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    });

    it("passes, saying so, when a file changed upstream without a change of fact", () => {
      const path = join(directory, "apps/v3/conversations-v3.json");
      writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, "utf8")), null, 4));
      git("commit", "-qam", "reformat");
      const result = run("--check");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("apps/v3/conversations-v3.json changed at");
    });

    it("fails naming each fact that changed, file by file", () => {
      writeUpstreamCopy(directory, { types: ["SMS", "Email", "Fax"], v3Version: "v4" });
      git("commit", "-qam", "upstream changes");
      const result = run("--check");
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'apps/conversations.json: request.field.type.enum: ["Email","SMS"] -> ["Email","Fax","SMS"]',
      );
      expect(result.stderr).toContain('apps/v3/conversations-v3.json: header.Version.enum: ["v3"] -> ["v4"]');
    });
  });

  it("holds HighLevel's 17 message types, its required list and its three declared responses", () => {
    expect(upstream.facts["request.field.type.enum"]).toHaveLength(17);
    const required = Object.entries(upstream.facts)
      .filter(([key, value]) => /^request\.field\.[^.]+\.required$/.test(key) && value === true)
      .map(([key]) => key.split(".")[2]);
    expect(required.sort()).toEqual(["contactId", "conversationId", "conversationProviderId", "type"]);
    const responses = Object.keys(upstream.facts).filter((key) => /^response\.\d+\.declared$/.test(key));
    expect(responses).toEqual(["response.200.declared", "response.400.declared", "response.401.declared"]);
  });
});

/**
 * A copy shaped like GoHighLevel/highlevel-api-docs: apps/conversations.json pointing into common/,
 * and apps/v3/conversations-v3.json pointing into `../common/`, which (as upstream) does not exist
 * beside apps/v3, while apps/v3/common/ does.
 */
function writeUpstreamCopy(
  directory: string,
  { types = ["SMS", "Email"], v3Version = "v3" }: { types?: string[]; v3Version?: string } = {},
): void {
  mkdirSync(join(directory, "apps/v3/common"), { recursive: true });
  mkdirSync(join(directory, "common"), { recursive: true });
  const badRequest = (extra: Record<string, unknown>) => ({
    components: {
      schemas: {
        BadRequestDTO: {
          type: "object",
          properties: { statusCode: { type: "number" }, message: { type: "string" }, ...extra },
        },
      },
    },
  });
  writeFileSync(join(directory, "common/common-schemas.json"), JSON.stringify(badRequest({})));
  writeFileSync(
    join(directory, "apps/v3/common/common-schemas.json"),
    JSON.stringify(badRequest({ traceId: { type: "string" } })),
  );
  const operationFile = (version: string) => ({
    servers: [{ url: "https://services.leadconnectorhq.com" }],
    paths: {
      "/conversations/messages/inbound": {
        post: {
          operationId: "add-an-inbound-message",
          security: [{ bearer: ["conversations/message.write"] }],
          parameters: [
            { name: "Version", in: "header", required: true, schema: { type: "string", enum: [version] } },
          ],
          requestBody: {
            content: { "application/json": { schema: { $ref: "#/components/schemas/Body" } } },
          },
          responses: {
            "400": {
              description: "Bad",
              content: {
                "application/json": {
                  schema: { $ref: "../common/common-schemas.json#/components/schemas/BadRequestDTO" },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Body: {
          type: "object",
          required: ["type"],
          properties: {
            type: { type: "string", enum: types, description: "prose is not a fact" },
            call: { allOf: [{ $ref: "#/components/schemas/Call" }] },
          },
        },
        Call: { type: "object", properties: { to: { type: "string", example: "+1" } } },
      },
    },
  });
  writeFileSync(join(directory, "apps/conversations.json"), JSON.stringify(operationFile("2021-04-15")));
  writeFileSync(join(directory, "apps/v3/conversations-v3.json"), JSON.stringify(operationFile(v3Version)));
}
