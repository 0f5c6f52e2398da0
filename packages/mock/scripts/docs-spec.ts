/**
 * Prepares the spec for the API reference. Redoc does not show `x-` extensions, and the spec
 * records every departure from HighLevel's published file in `x-ghl-inbound-departure`: these
 * notes are written into the description of the object they sit on, and gathered in one section
 * of the introduction, so that a reader sees them where they apply and all in one place.
 */

export const DEPARTURE_KEY = "x-ghl-inbound-departure";
export const DEPARTURES_HEADING = "Where this spec departs from HighLevel's published file";

export interface Departure {
  /** JSON pointer of the object that departs, e.g. `/components/schemas/InboundMessageType`. */
  pointer: string;
  /** What a reader calls it: `schema InboundMessageType`, `response 201 (MessageAddedCreated)`. */
  label: string;
  note: string;
}

/** Served by the mock next to /docs. */
const SPEC_LINKS = "The spec: [openapi.yaml](/openapi.yaml) · [openapi.json](/openapi.json).";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const unescapePointer = (segment: string): string => segment.replace(/~1/g, "/").replace(/~0/g, "~");

/** Every `x-ghl-inbound-departure` in the document, in document order. */
export function findDepartures(document: Json): Departure[] {
  const statusOfResponse = responseStatuses(document);
  const found: Departure[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${pointer}/${index}`);
      return;
    }
    if (!isObject(node)) return;
    const note = node[DEPARTURE_KEY];
    if (typeof note === "string")
      found.push({ pointer, label: labelOf(pointer, statusOfResponse), note: note.trim() });
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith("x-") || key === "example" || key === "examples") continue;
      visit(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  };
  visit(document, "");
  return found;
}

/**
 * A copy of the document for the reference page: each departure shown in its object's description
 * and listed in the introduction, with links to the raw spec and the Authentication section.
 */
export function withDepartureNotes(document: Json): Json {
  const copy = structuredClone(document);
  const departures = findDepartures(copy);
  for (const departure of departures) {
    const target = departure.pointer
      .split("/")
      .slice(1)
      .map(unescapePointer)
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), copy);
    if (!isObject(target)) continue;
    const description = typeof target.description === "string" ? `${target.description.trimEnd()}\n\n` : "";
    target.description = `${description}**Departs from HighLevel's published file:** ${departure.note}`;
  }
  if (isObject(copy.info)) {
    const intro = typeof copy.info.description === "string" ? copy.info.description.trimEnd() : "";
    const list = departures.map((departure) => `- **${departure.label}**: ${departure.note}`).join("\n");
    copy.info.description = [
      intro,
      SPEC_LINKS,
      departures.length > 0 ? `## ${DEPARTURES_HEADING}\n\n${list}` : "",
      // Redoc's marker for the Authentication section (scheme, bearer format, scopes).
      "## Authentication\n\n<!-- ReDoc-Inject: <security-definitions> -->",
    ]
      .filter(Boolean)
      .join("\n\n");
  }
  return copy;
}

function labelOf(pointer: string, statusOfResponse: Map<string, string>): string {
  const segments = pointer.split("/").slice(1).map(unescapePointer);
  if (segments[0] === "components" && segments.length === 3) {
    const [, kind, name] = segments as [string, string, string];
    if (kind === "responses") {
      const status = statusOfResponse.get(name);
      return status ? `response ${status} (${name})` : `response ${name}`;
    }
    return `${kind.replace(/s$/, "")} ${name}`;
  }
  return segments.join(" › ");
}

/** `MessageAddedCreated` -> `201`, from the operations' `$ref`s. */
function responseStatuses(document: Json): Map<string, string> {
  const statuses = new Map<string, string>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const operation of Object.values(item)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (isObject(response) && typeof response.$ref === "string") {
          statuses.set(response.$ref.split("/").at(-1)!, status);
        }
      }
    }
  }
  return statuses;
}
