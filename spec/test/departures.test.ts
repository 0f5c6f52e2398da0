import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { covers, differencesOf, factsOf, namedDeparturesOf } from "../scripts/facts.mjs";
import { upstreamFactsFile } from "../scripts/highlevel-facts.mjs";

type Document = Record<string, unknown> & {
  components: { schemas: Record<string, Record<string, unknown>> };
};

const readSpec = (): Document => parse(readFileSync(new URL("../openapi.yaml", import.meta.url), "utf8"));
const upstream = JSON.parse(
  readFileSync(new URL("../upstream/highlevel-facts.json", import.meta.url), "utf8"),
) as {
  source: { repository: string; path: string; commit: string | null };
  facts: Record<string, unknown>;
};

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
  it("names the upstream file and commit it was distilled from, in the facts and in the spec's info", () => {
    expect(upstream.source).toEqual({
      repository: "GoHighLevel/highlevel-api-docs",
      path: "apps/conversations.json",
      commit: "d9cbcd5adb6df45c3efcfd09155592312e1ca4b5",
    });
    const files = (
      readSpec().info as { "x-ghl-inbound-upstream": { files: { path: string; commit?: string }[] } }
    )["x-ghl-inbound-upstream"].files;
    expect(files).toContainEqual(
      expect.objectContaining({ path: upstream.source.path, commit: upstream.source.commit }),
    );
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
  it("distils an upstream-shaped copy, following refs into common/, to the committed facts' form", () => {
    const directory = mkdtempSync(join(tmpdir(), "highlevel-api-docs-"));
    try {
      mkdirSync(join(directory, "apps"));
      mkdirSync(join(directory, "common"));
      writeFileSync(
        join(directory, "common/common-schemas.json"),
        JSON.stringify({
          components: {
            schemas: {
              BadRequestDTO: {
                type: "object",
                properties: { statusCode: { type: "number" }, message: { type: "string" } },
              },
            },
          },
        }),
      );
      writeFileSync(
        join(directory, "apps/conversations.json"),
        JSON.stringify({
          servers: [{ url: "https://services.leadconnectorhq.com" }],
          paths: {
            "/conversations/messages/inbound": {
              post: {
                operationId: "add-an-inbound-message",
                security: [{ bearer: ["conversations/message.write"] }],
                parameters: [
                  {
                    name: "Version",
                    in: "header",
                    required: true,
                    schema: { type: "string", enum: ["2021-04-15"] },
                  },
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
                  type: { type: "string", enum: ["SMS", "Email"], description: "prose is not a fact" },
                  call: { allOf: [{ $ref: "#/components/schemas/Call" }] },
                },
              },
              Call: { type: "object", properties: { to: { type: "string", example: "+1" } } },
            },
          },
        }),
      );
      expect(upstreamFactsFile(directory, "abc").facts).toEqual({
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
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
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
