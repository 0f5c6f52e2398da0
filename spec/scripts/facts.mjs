// The facts of one operation of an OpenAPI document, as a flat map from a key such as
// `request.field.direction.type` to a JSON value: field names, types, formats, enums, constraints,
// which fields are always required, the Version header, and each response's headers and fields.
// Descriptions and examples are prose, not facts. Computed the same way for HighLevel's published
// file and for spec/openapi.yaml, so that comparing the two shows every difference.
// @ts-check

/** @typedef {Record<string, unknown>} Node */
/** @typedef {(ref: string, from: Node) => { node: Node, root: Node }} ResolveRef */

export const OPERATION_PATH = "/conversations/messages/inbound";
export const OPERATION_METHOD = "post";

/** Keywords of a schema that are facts about the value, beside `type`, `enum` and `required`. */
const CONSTRAINTS = [
  "format",
  "default",
  "const",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "additionalProperties",
];

/**
 * @param {Node} document the OpenAPI document
 * @param {ResolveRef} [resolveExternal] for a `$ref` into another file (HighLevel's `../common/...`)
 * @returns {Record<string, unknown>} the facts, keys sorted
 */
export function factsOf(document, resolveExternal) {
  /** @type {Record<string, unknown>} */
  const facts = {};
  /** @type {(ref: string, root: Node) => { node: Node, root: Node }} */
  const resolve = (ref, root) => {
    if (ref.startsWith("#/")) return { node: pointer(root, ref.slice(2)), root };
    if (!resolveExternal) throw new Error(`facts: no resolver for the external $ref ${ref}`);
    return resolveExternal(ref, root);
  };
  const operation = /** @type {Node} */ (
    pointer(document, `paths/${escapePointer(OPERATION_PATH)}/${OPERATION_METHOD}`)
  );

  facts["operation.operationId"] = operation.operationId;
  facts["operation.security"] = /** @type {Node[]} */ (operation.security ?? []).flatMap((requirement) =>
    Object.entries(requirement).map(
      ([scheme, scopes]) => `${scheme}: ${/** @type {string[]} */ (scopes).join(" ")}`,
    ),
  );
  facts["server.url"] = /** @type {Node[]} */ (document.servers ?? [])[0]?.url;

  for (const raw of /** @type {Node[]} */ (operation.parameters ?? [])) {
    const { node: parameter, root } = follow(raw, document, resolve);
    const prefix = `${parameter.in}.${parameter.name}`;
    facts[`${prefix}.required`] = parameter.required === true;
    const schema = merged(/** @type {Node} */ (parameter.schema ?? {}), root, resolve);
    addValueFacts(facts, prefix, schema);
  }

  const requestBody = follow(/** @type {Node} */ (operation.requestBody ?? {}), document, resolve);
  const requestSchema = jsonSchemaOf(requestBody.node);
  if (requestSchema) addObjectFacts(facts, "request", merged(requestSchema, requestBody.root, resolve));

  for (const [code, raw] of Object.entries(/** @type {Node} */ (operation.responses ?? {}))) {
    const { node: response, root } = follow(/** @type {Node} */ (raw), document, resolve);
    const prefix = `response.${code}`;
    facts[`${prefix}.declared`] = true;
    facts[`${prefix}.headers`] = Object.keys(/** @type {Node} */ (response.headers ?? {})).sort();
    const schema = jsonSchemaOf(response);
    if (schema) addObjectFacts(facts, prefix, merged(schema, root, resolve));
  }
  return Object.fromEntries(Object.entries(facts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Every key whose value differs between two sets of facts (missing on one side included), sorted.
 * @param {Record<string, unknown>} upstream
 * @param {Record<string, unknown>} ours
 */
export function differencesOf(upstream, ours) {
  const keys = new Set([...Object.keys(upstream), ...Object.keys(ours)]);
  return [...keys].filter((key) => JSON.stringify(upstream[key]) !== JSON.stringify(ours[key])).sort();
}

/**
 * Every `x-ghl-inbound-departure-facts` entry of a document, with where it stands. Each must sit
 * beside an `x-ghl-inbound-departure` that says why.
 * @param {unknown} document
 * @returns {{ fact: string, at: string, hasReason: boolean }[]}
 */
export function namedDeparturesOf(document) {
  /** @type {{ fact: string, at: string, hasReason: boolean }[]} */
  const found = [];
  /** @type {(node: unknown, at: string) => void} */
  const visit = (node, at) => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${at}/${index}`);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = /** @type {Node} */ (node);
    const listed = record["x-ghl-inbound-departure-facts"];
    if (Array.isArray(listed)) {
      const hasReason =
        typeof record["x-ghl-inbound-departure"] === "string" && record["x-ghl-inbound-departure"] !== "";
      for (const fact of listed) found.push({ fact: String(fact), at, hasReason });
    }
    for (const [key, value] of Object.entries(record))
      if (!key.startsWith("x-")) visit(value, `${at}/${key}`);
  };
  visit(document, "#");
  return found;
}

/** Whether a named departure (`response.422`) covers a fact key (`response.422.field.message.type`). */
export function covers(/** @type {string} */ named, /** @type {string} */ key) {
  return key === named || key.startsWith(`${named}.`);
}

/** @param {Node} media an object with `content` */
function jsonSchemaOf(media) {
  const content = /** @type {Record<string, Node> | undefined} */ (media.content);
  return /** @type {Node | undefined} */ (content?.["application/json"]?.schema);
}

/**
 * @param {Record<string, unknown>} facts
 * @param {string} prefix
 * @param {Merged} schema
 */
function addObjectFacts(facts, prefix, schema) {
  addValueFacts(facts, prefix, schema);
  for (const [name, property] of Object.entries(schema.properties).sort(([a], [b]) => a.localeCompare(b))) {
    const field = `${prefix}.field.${name}`;
    facts[`${field}.required`] = schema.required.includes(name);
    if (Object.keys(property.properties).length > 0 || property.types.includes("object")) {
      addObjectFacts(facts, field, property);
    } else {
      addValueFacts(facts, field, property);
    }
  }
}

/**
 * @param {Record<string, unknown>} facts
 * @param {string} prefix
 * @param {Merged} schema
 */
function addValueFacts(facts, prefix, schema) {
  if (schema.types.length > 0)
    facts[`${prefix}.type`] = schema.types.length === 1 ? schema.types[0] : schema.types;
  if (schema.enum) facts[`${prefix}.enum`] = [...schema.enum].map(String).sort();
  for (const [keyword, value] of Object.entries(schema.constraints)) facts[`${prefix}.${keyword}`] = value;
  if (schema.items) addObjectFacts(facts, `${prefix}.items`, schema.items);
}

/**
 * @typedef {{
 *   types: string[],
 *   enum: unknown[] | undefined,
 *   constraints: Record<string, unknown>,
 *   properties: Record<string, Merged>,
 *   required: string[],
 *   items: Merged | undefined,
 * }} Merged
 */

/**
 * One schema as its facts, as a validator reads it: `allOf` parts all apply (their enums intersect,
 * what any part requires is required); of `anyOf`/`oneOf` branches one applies (their enums add up,
 * only what every branch requires is required of every body).
 * @param {Node} raw
 * @param {Node} root the document `raw` belongs to, for its local `$ref`s
 * @param {(ref: string, root: Node) => { node: Node, root: Node }} resolve
 * @returns {Merged}
 */
function merged(raw, root, resolve) {
  const { node: schema, root: schemaRoot } = follow(raw, root, resolve);
  /** @type {Merged} */
  let out = {
    types: typeof schema.type === "string" ? [schema.type] : [],
    enum: Array.isArray(schema.enum) ? [...schema.enum] : undefined,
    constraints: {},
    properties: {},
    required: Array.isArray(schema.required) ? schema.required.map(String) : [],
    items: schema.items ? merged(/** @type {Node} */ (schema.items), schemaRoot, resolve) : undefined,
  };
  for (const keyword of CONSTRAINTS) {
    if (schema[keyword] !== undefined && typeof schema[keyword] !== "object")
      out.constraints[keyword] = schema[keyword];
  }
  for (const [name, property] of Object.entries(
    /** @type {Record<string, Node>} */ (schema.properties ?? {}),
  )) {
    out.properties[name] = merged(property, schemaRoot, resolve);
  }
  for (const part of /** @type {Node[]} */ (schema.allOf ?? []))
    out = both(out, merged(part, schemaRoot, resolve));
  for (const keyword of ["anyOf", "oneOf"]) {
    const branches = /** @type {Node[] | undefined} */ (schema[keyword]);
    if (branches) out = both(out, either(branches.map((branch) => merged(branch, schemaRoot, resolve))));
  }
  out.types.sort();
  return out;
}

/** Two schemas that both apply. @param {Merged} a @param {Merged} b @returns {Merged} */
function both(a, b) {
  const properties = { ...a.properties };
  for (const [name, property] of Object.entries(b.properties)) {
    properties[name] = properties[name] ? both(properties[name], property) : property;
  }
  return {
    types: [...new Set([...a.types, ...b.types])].sort(),
    enum: a.enum && b.enum ? a.enum.filter((value) => b.enum?.includes(value)) : (a.enum ?? b.enum),
    constraints: { ...a.constraints, ...b.constraints },
    properties,
    required: [...new Set([...a.required, ...b.required])],
    items: a.items && b.items ? both(a.items, b.items) : (a.items ?? b.items),
  };
}

/** Branches of which one applies. @param {Merged[]} branches @returns {Merged} */
function either(branches) {
  const [first, ...rest] = branches;
  if (!first) throw new Error("facts: an anyOf or oneOf without branches");
  return rest.reduce((a, b) => {
    const properties = { ...a.properties };
    for (const [name, property] of Object.entries(b.properties)) {
      properties[name] = properties[name] ? either([properties[name], property]) : property;
    }
    return {
      types: [...new Set([...a.types, ...b.types])].sort(),
      enum: a.enum && b.enum ? [...new Set([...a.enum, ...b.enum])] : undefined,
      constraints: Object.fromEntries(
        Object.entries(a.constraints).filter(([keyword, value]) => b.constraints[keyword] === value),
      ),
      properties,
      required: a.required.filter((name) => b.required.includes(name)),
      items: a.items && b.items ? either([a.items, b.items]) : undefined,
    };
  }, first);
}

/**
 * @param {Node} node
 * @param {Node} root
 * @param {(ref: string, root: Node) => { node: Node, root: Node }} resolve
 * @returns {{ node: Node, root: Node }}
 */
function follow(node, root, resolve) {
  let current = { node, root };
  for (let hops = 0; typeof current.node.$ref === "string"; hops += 1) {
    if (hops > 20) throw new Error(`facts: $ref loop at ${current.node.$ref}`);
    current = resolve(current.node.$ref, current.root);
  }
  return current;
}

/** @param {unknown} root @param {string} path a JSON pointer without its leading `#/` */
function pointer(root, path) {
  /** @type {unknown} */
  let at = root;
  for (const part of path.split("/")) {
    const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
    at = at !== null && typeof at === "object" ? /** @type {Node} */ (at)[key] : undefined;
    if (at === undefined) throw new Error(`facts: nothing at #/${path}`);
  }
  return /** @type {Node} */ (at);
}

/** @param {string} key */
function escapePointer(key) {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
