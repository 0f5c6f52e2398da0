import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse, stringify } from "yaml";
import { embeddedSpecUrl } from "./assets.js";

/** A parsed OpenAPI document (3.x, or 2.0 / a Postman collection as Prism accepts them). */
export type OpenApiDocument = Record<string, unknown>;

/** Where the spec comes from: a file path, an `http(s):`/`file:` URL, or the parsed document. */
export type SpecSource = string | URL | OpenApiDocument;

export interface LoadedSpec {
  document: OpenApiDocument;
  /** Served at /openapi.yaml: the source text when there was one (JSON is YAML too). */
  yaml: string;
  /** Served at /openapi.json. */
  json: string;
  /** True for the spec shipped in this package (the API reference at /docs is built from it). */
  isEmbedded: boolean;
}

export async function loadSpec(source: SpecSource | undefined): Promise<LoadedSpec> {
  if (source === undefined)
    return fromText(await readFile(embeddedSpecUrl(), "utf8"), "the embedded spec", true);
  if (typeof source === "object" && !(source instanceof URL)) {
    return {
      document: structuredClone(source),
      yaml: stringify(source),
      json: toJson(source),
      isEmbedded: false,
    };
  }
  const url = toUrl(source);
  if (url.protocol === "http:" || url.protocol === "https:") {
    const response = await fetch(url);
    if (!response.ok)
      throw new Error(`spec: GET ${url.href} answered ${response.status} ${response.statusText}`);
    return fromText(await response.text(), url.href, false);
  }
  return fromText(await readFile(url, "utf8"), String(source), false);
}

function toUrl(source: string | URL): URL {
  if (source instanceof URL) return source;
  if (/^(https?|file):/i.test(source)) return new URL(source);
  return pathToFileURL(resolve(source));
}

function fromText(text: string, origin: string, isEmbedded: boolean): LoadedSpec {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`spec: ${origin} is neither YAML nor JSON`, { cause: error });
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new Error(`spec: ${origin} is not an OpenAPI document (expected an object at the top)`);
  }
  return { document: document as OpenApiDocument, yaml: text, json: toJson(document), isEmbedded };
}

const toJson = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;
