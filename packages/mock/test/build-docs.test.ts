import { describe, expect, it } from "vitest";
import { explainRedocWarning } from "../scripts/build-docs.js";

describe("explainRedocWarning", () => {
  it("turns Redoc's skipped-anyOf warning into a line that says what /docs shows instead", () => {
    const line = explainRedocWarning(
      "oneOf and anyOf are not supported on the same level. Skipping anyOf at #/components/schemas/InboundMessageRequest",
    );
    expect(line).toContain("#/components/schemas/InboundMessageRequest");
    expect(line).toContain("either-id rule");
    expect(line).not.toContain("not supported");
  });

  it("passes any other warning through unchanged", () => {
    expect(explainRedocWarning("something else")).toBe("something else");
  });
});
