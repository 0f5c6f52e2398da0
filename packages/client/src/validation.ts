// Checks both ends of the exchange against the spec's own JSON Schemas (jsonSchemas of
// @ghl-inbound/types, generated from spec/openapi.yaml): the body before it is sent, the answer
// before it is called a success. Nothing here is a hand-copied list of fields or enums.
import type { InboundMessageRequest, InboundMessageResponse } from "@ghl-inbound/types";
import type { ErrorObject, ValidateFunction } from "ajv";
import { type RequestDescription, ValidationError, type ValidationIssue } from "./errors.js";
import { validateInboundMessageRequest, validateInboundMessageResponse } from "./generated/validators.js";

/**
 * Compiled by Ajv at `pnpm generate`, not at run time: no `new Function`, so a page whose
 * Content-Security-Policy forbids 'unsafe-eval' can use the client, and the first call compiles nothing.
 */
const validators = {
  request: validateInboundMessageRequest as ValidateFunction<InboundMessageRequest>,
  response: validateInboundMessageResponse as ValidateFunction<InboundMessageResponse>,
};
/** Throws a ValidationError naming every field at fault when `body` is not an InboundMessageRequest. */
export function checkMessageBody(
  body: unknown,
  request: RequestDescription,
): asserts body is InboundMessageRequest {
  const validate = validators.request;
  if (!validate(body)) throw new ValidationError(request, issuesFromAjv(validate.errors ?? []));
}

/**
 * The spec's verdict on a body, without sending anything: `[]` when it is an InboundMessageRequest,
 * otherwise one issue per field at fault (a JSON pointer such as `/call/status`, and what is wrong).
 */
export function validateInboundMessage(body: unknown): ValidationIssue[] {
  const validate = validators.request;
  return validate(body) ? [] : issuesFromAjv(validate.errors ?? []);
}

export type ResponseCheck =
  | { ok: true; data: InboundMessageResponse }
  | { ok: false; body: unknown; issues: string[]; cause?: unknown };

/**
 * Whether the text of a 200/201 is the documented success body. HighLevel has answered 201 with an
 * empty body without adding the message (highlevel-api-docs#70), so "2xx" alone proves nothing.
 */
export function checkAddMessageResponse(text: string | undefined): ResponseCheck {
  if (text === undefined || text.trim() === "") return { ok: false, body: undefined, issues: ["empty body"] };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    return { ok: false, body: text, issues: ["body is not JSON"], cause };
  }
  const validate = validators.response;
  if (!validate(body)) {
    return {
      ok: false,
      body,
      issues: issuesFromAjv(validate.errors ?? []).map(
        (issue) => `${issue.path || "(body)"} ${issue.message}`,
      ),
    };
  }
  return { ok: true, data: body };
}

/**
 * Ajv's errors as one issue per field. Under `anyOf`/`oneOf` Ajv reports every branch: an error
 * found in all branches is the caller's mistake whichever branch was meant, so it is reported
 * once; errors found in only some branches are alternatives, summed up in one issue ("must have
 * conversationId or contactId") unless some branch fails only on the common errors.
 */
export function issuesFromAjv(errors: readonly ErrorObject[]): ValidationIssue[] {
  const alternatives = errors.filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf");
  const inBranch = (error: ErrorObject) =>
    alternatives.some((alt) => error !== alt && error.schemaPath.startsWith(`${alt.schemaPath}/`));
  const issues: ValidationIssue[] = errors
    .filter((error) => !alternatives.includes(error) && !inBranch(error))
    .map(issueFromAjv);

  for (const alt of alternatives) {
    if (inBranch(alt)) continue; // a nested alternative is reported through its outer one
    const branches = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (error === alt || !error.schemaPath.startsWith(`${alt.schemaPath}/`)) continue;
      const branch = error.schemaPath.slice(alt.schemaPath.length + 1).split("/")[0] ?? "";
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const perBranch = [...branches.values()].map((branchErrors) => branchErrors.map(issueFromAjv));
    const keyOf = (issue: ValidationIssue) => `${issue.path}\u0000${issue.message}`;
    const common = (perBranch[0] ?? []).filter((issue) =>
      perBranch.every((branchIssues) => branchIssues.some((other) => keyOf(other) === keyOf(issue))),
    );
    issues.push(...common);
    const commonKeys = new Set(common.map(keyOf));
    const specific = perBranch.map((branchIssues) =>
      branchIssues.filter((issue) => !commonKeys.has(keyOf(issue))),
    );
    if (specific.length > 0 && specific.every((branchIssues) => branchIssues.length > 0)) {
      issues.push(issueFromAlternatives(alt.instancePath, specific, branches));
    }
  }
  return dedupe(issues);
}

function issueFromAlternatives(
  path: string,
  specific: ValidationIssue[][],
  branches: Map<string, ErrorObject[]>,
): ValidationIssue {
  const missing = [...branches.values()].map((branchErrors) =>
    branchErrors.filter((error) => error.keyword === "required").map((error) => missingPropertyOf(error)),
  );
  const isOnlyMissingFields = specific.every(
    (branchIssues, index) => branchIssues.length === 1 && missing[index]?.length === 1,
  );
  if (isOnlyMissingFields) {
    return { path, message: `must have ${missing.map((names) => names[0]).join(" or ")}` };
  }
  const options = specific.map((branchIssues) =>
    branchIssues.map((issue) => `${issue.path || "(body)"} ${issue.message}`).join(", "),
  );
  return { path, message: `must match one of its alternatives, each failed: ${options.join(" | ")}` };
}

function issueFromAjv(error: ErrorObject): ValidationIssue {
  switch (error.keyword) {
    case "required":
      return {
        path: `${error.instancePath}/${escapePointer(missingPropertyOf(error))}`,
        message: "is required",
      };
    case "additionalProperties": {
      const name = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      return { path: `${error.instancePath}/${escapePointer(name)}`, message: "is not a field of the spec" };
    }
    case "enum": {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return {
        path: error.instancePath,
        message: `must be one of ${allowed.map((value) => JSON.stringify(value)).join(", ")}`,
      };
    }
    case "minLength":
      if ((error.params as { limit?: unknown }).limit === 1)
        return { path: error.instancePath, message: "must not be empty" };
      return { path: error.instancePath, message: error.message ?? "is too short" };
    default:
      return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

function missingPropertyOf(error: ErrorObject): string {
  return String((error.params as { missingProperty?: unknown }).missingProperty);
}

function escapePointer(name: string): string {
  return name.replaceAll("~", "~0").replaceAll("/", "~1");
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
