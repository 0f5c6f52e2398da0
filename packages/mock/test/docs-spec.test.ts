import { describe, expect, it } from "vitest";
import { DEPARTURES_HEADING, findDepartures, withDepartureNotes } from "../scripts/docs-spec.js";

const document = {
  info: { title: "T", description: "Intro." },
  paths: { "/m": { post: { responses: { "201": { $ref: "#/components/responses/Created" } } } } },
  components: {
    responses: { Created: { description: "Created.", "x-ghl-inbound-departure": "Added from issue #70." } },
    schemas: {
      Kind: { type: "string", "x-ghl-inbound-departure": "Seven values left out." },
      Plain: {
        type: "string",
        description: "No departure.",
        example: { "x-ghl-inbound-departure": "data, not spec" },
      },
    },
  },
};

describe("findDepartures", () => {
  it("finds every departure with a reader's label, and none inside examples", () => {
    expect(findDepartures(document)).toEqual([
      {
        pointer: "/components/responses/Created",
        label: "response 201 (Created)",
        note: "Added from issue #70.",
      },
      { pointer: "/components/schemas/Kind", label: "schema Kind", note: "Seven values left out." },
    ]);
  });
});

describe("withDepartureNotes", () => {
  const docs = withDepartureNotes(document) as typeof document & {
    components: { schemas: { Kind: { description?: string } } };
  };

  it("adds each note to the description of the object it sits on", () => {
    expect(docs.components.responses.Created.description).toBe(
      "Created.\n\n**Departs from HighLevel's published file:** Added from issue #70.",
    );
    expect(docs.components.schemas.Kind.description).toBe(
      "**Departs from HighLevel's published file:** Seven values left out.",
    );
    expect(docs.components.schemas.Plain.description).toBe("No departure.");
  });

  it("lists every note in the introduction, before Redoc's Authentication section", () => {
    expect(docs.info.description).toBe(
      [
        "Intro.",
        "The spec: [openapi.yaml](/openapi.yaml) · [openapi.json](/openapi.json).",
        `## ${DEPARTURES_HEADING}\n\n- **response 201 (Created)**: Added from issue #70.\n- **schema Kind**: Seven values left out.`,
        "## Authentication\n\n<!-- ReDoc-Inject: <security-definitions> -->",
      ].join("\n\n"),
    );
  });

  it("leaves the document it was given unchanged", () => {
    expect(document.components.schemas.Kind).toEqual({
      type: "string",
      "x-ghl-inbound-departure": "Seven values left out.",
    });
  });
});
