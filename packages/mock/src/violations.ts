// What the mock says is wrong with a request. For the spec shipped in this package the body is
// judged by @ghl-inbound/client's own checker (describeInboundMessageProblems): one summary of
// schema problems for the client's ValidationError and the mock's 422, in class-validator's words as
// HighLevel's 422 has them. A spec passed with `--spec` is judged by Prism alone, in Prism's words.
import { describeInboundMessageProblems } from "@ghl-inbound/client";
import { API_VERSION, API_VERSIONS } from "@ghl-inbound/types";

/** One problem found in a request, as the mock reports it in a 400 or 422 body. */
export interface Violation {
  /** Where the problem is: `header.version`, `body`, `body.call.status`. */
  location: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `minItems`, ...), or Prism's code. */
  code: string;
  /** One sentence that names the field: "attachments must contain at least 1 elements". */
  message: string;
}

/** A diagnostic as Prism's validator reports it (severity 0 is an error). */
export interface PrismDiagnostic {
  path?: readonly string[];
  code?: string | number;
  message: string;
  severity: number;
}

const ERROR_SEVERITY = 0;
const REQUIRED_PROPERTY = /required property '([^']+)'/;

/** Prism's diagnostics as they are, one violation each (for a spec that is not the embedded one). */
export function violationsFromPrism(diagnostics: readonly PrismDiagnostic[]): Violation[] {
  const violations: Violation[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== ERROR_SEVERITY) continue;
    const path = diagnostic.path && diagnostic.path.length > 0 ? [...diagnostic.path] : ["body"];
    const missing = REQUIRED_PROPERTY.exec(diagnostic.message)?.[1];
    if (diagnostic.code === "required" && missing !== undefined) path.push(missing);
    const violation = {
      location: path.join("."),
      code: String(diagnostic.code ?? "invalid"),
      message: diagnostic.message,
    };
    if (!violations.some((seen) => isSame(seen, violation))) violations.push(violation);
  }
  return violations;
}

/**
 * The embedded spec's violations: the body's from the client's checker, the rest (headers) from
 * Prism, with the Version header's told in words that name every accepted value.
 */
export function violationsOfEmbeddedSpec(
  diagnostics: readonly PrismDiagnostic[],
  request: { body: unknown; version: string | undefined },
): { headers: Violation[]; body: Violation[] } {
  const headers = violationsFromPrism(diagnostics)
    .filter((violation) => !isAboutBody(violation))
    .map((violation) =>
      violation.location === "header.version"
        ? { ...violation, message: describeVersionProblem(request.version) }
        : violation,
    );
  const body = describeInboundMessageProblems(request.body).map((problem) => ({
    location: ["body", ...problem.path.split("/").slice(1).map(unescapePointer)].join("."),
    code: problem.keyword,
    message: problem.sentence,
  }));
  return { headers, body };
}

/** Whether a violation is about the body (Prism's `body`, `body.type` ...). */
export function isAboutBody(violation: Violation): boolean {
  return violation.location === "body" || violation.location.startsWith("body.");
}

/**
 * HighLevel does not document its answer to another Version; the spec names this refusal as a
 * departure. The message lists what is accepted: what HighLevel's own clients send.
 */
function describeVersionProblem(version: string | undefined): string {
  const found = version === undefined ? "is missing" : `"${version}" is not accepted`;
  return `Version header ${found}: send one of ${API_VERSIONS.join(", ")} (the values HighLevel's own clients send; ghl-inbound sends ${API_VERSION})`;
}

function isSame(a: Violation, b: Violation): boolean {
  return a.location === b.location && a.code === b.code && a.message === b.message;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}
