/** One example found in the spec, and the JSON pointer of the schema it must satisfy. */
export interface FoundExample {
  /** Where the example sits, e.g. `/components/parameters/Version/example`. */
  at: string;
  schemaPointer: string;
  value: unknown;
}

const escapePointer = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Walks the whole document and finds every example, wherever OpenAPI allows one:
 * - an object with `schema` (a media type, a parameter, a header) and `example` or `examples.*.value`:
 *   checked against that `schema`;
 * - any other object with `example` (a schema, at any depth: properties, items, allOf branches):
 *   checked against that object itself; JSON Schema's `examples` array likewise, item by item.
 * Example values and `x-` extensions are not walked into: they are data, not spec.
 */
export function findExamples(document: unknown): FoundExample[] {
  const found: FoundExample[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${pointer}/${index}`);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    const hasSchema = typeof object.schema === "object" && object.schema !== null;
    const schemaPointer = hasSchema ? `${pointer}/schema` : pointer;
    if ("example" in object) found.push({ at: `${pointer}/example`, schemaPointer, value: object.example });
    if (hasSchema && isRecord(object.examples)) {
      for (const [name, example] of Object.entries(object.examples)) {
        if (isRecord(example) && "value" in example) {
          found.push({
            at: `${pointer}/examples/${escapePointer(name)}/value`,
            schemaPointer,
            value: example.value,
          });
        }
      }
    } else if (Array.isArray(object.examples)) {
      for (const [index, value] of object.examples.entries()) {
        found.push({ at: `${pointer}/examples/${index}`, schemaPointer, value });
      }
    }
    for (const [key, child] of Object.entries(object)) {
      if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
      visit(child, `${pointer}/${escapePointer(key)}`);
    }
  };
  visit(document, "");
  return found;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
