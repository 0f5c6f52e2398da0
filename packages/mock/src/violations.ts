/** One problem found in a request, as the mock reports it in a 400 body. */
export interface Violation {
  /** Where the problem is: `header.version`, `body`, `body.call.status`. */
  location: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `format`, ...), or Prism's code. */
  code: string;
  /** Prism's sentence, which names the field: "Request body property type must be ...". */
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

/** `header` + "required property 'version'" is the `header.version` a reader looks for. */
function locationOf(diagnostic: PrismDiagnostic, missingProperty: string | undefined): string {
  const path = diagnostic.path && diagnostic.path.length > 0 ? [...diagnostic.path] : ["body"];
  if (diagnostic.code === "required" && missingProperty !== undefined) path.push(missingProperty);
  return path.join(".");
}
const keyOf = (violation: Violation): string =>
  `${violation.location}\u0000${violation.code}\u0000${violation.message}`;

/**
 * Turns Prism's request diagnostics into the list a person can act on.
 *
 * Prism validates an `anyOf` body by reporting every branch's errors plus one "must match a schema
 * in anyOf". With this spec's body (`anyOf` of two branches, one per id) that reads "type is wrong;
 * contactId is required; type is wrong" for a body that only has a wrong `type`. An error repeated in
 * every branch is a real problem; an error found in fewer branches is what one branch needs: it
 * matters only when every branch has one (then the body must satisfy one of them), otherwise another
 * branch already had it and the error is noise.
 *
 * @param bodyAlternatives how many `anyOf` branches the request body schema has (1 when none).
 */
export function summarizeViolations(
  diagnostics: readonly PrismDiagnostic[],
  bodyAlternatives: number,
): Violation[] {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === ERROR_SEVERITY);
  const hasAnyOf = errors.some((diagnostic) => diagnostic.code === "anyOf");
  const counts = new Map<string, { violation: Violation; count: number; isBranchError: boolean }>();
  for (const diagnostic of errors) {
    if (diagnostic.code === "anyOf") continue;
    const location = locationOf(diagnostic, REQUIRED_PROPERTY.exec(diagnostic.message)?.[1]);
    const violation: Violation = {
      location,
      code: String(diagnostic.code ?? "invalid"),
      message: diagnostic.message,
    };
    const key = keyOf(violation);
    const seen = counts.get(key);
    if (seen) seen.count += 1;
    else
      counts.set(key, {
        violation,
        count: 1,
        isBranchError: hasAnyOf && bodyAlternatives > 1 && diagnostic.path?.[0] === "body",
      });
  }

  const kept: Violation[] = [];
  const branchSpecific: Violation[] = [];
  for (const { violation, count, isBranchError } of counts.values()) {
    if (isBranchError && count < bodyAlternatives) branchSpecific.push(violation);
    else kept.push(violation);
  }
  if (branchSpecific.length >= bodyAlternatives) kept.push(mergeAlternatives(branchSpecific));
  return kept;
}

/** "must have required property 'conversationId'" + "... 'contactId'" -> one "... 'conversationId' or 'contactId'". */
function mergeAlternatives(alternatives: readonly Violation[]): Violation {
  const first = alternatives[0]!;
  const properties = alternatives.map((violation) => REQUIRED_PROPERTY.exec(violation.message)?.[1]);
  const parentOf = (location: string) => location.slice(0, Math.max(0, location.lastIndexOf(".")));
  const areMissingSiblings =
    alternatives.every((violation) => violation.code === "required") &&
    properties.every((property) => property !== undefined) &&
    alternatives.every((violation) => parentOf(violation.location) === parentOf(first.location));
  if (areMissingSiblings) {
    const subject = first.message.slice(0, first.message.indexOf(" must"));
    return {
      location: parentOf(first.location),
      code: "required",
      message: `${subject} must have required property ${properties.map((name) => `'${name}'`).join(" or ")}`,
    };
  }
  return {
    location: "body",
    code: "anyOf",
    message: `Request body must satisfy one of: ${alternatives.map((violation) => violation.message).join("; or ")}`,
  };
}
