/**
 * Builds dist/docs/index.html, the API reference served at /docs, from the embedded spec.
 *
 * Renderer: Redoc CE 2 (`redoc` on npm), the renderer inside Redocly CLI 1's `build-docs`, used the
 * same way: the page is rendered to HTML here (so its text is there before any script runs) and
 * Redoc's own standalone bundle, inlined, hydrates it (search, navigation, samples). Why not the
 * others: Redocly CLI 2's build-docs renders Redoc 3, which puts each operation on its own route,
 * loads its logo from a CDN and sends telemetry from the reader's browser; CLI 1.34's latest patch
 * depends on a version of @redocly/respect-core that was never published.
 *
 * Offline: every script and style is inline, no font is loaded (system font stacks), and a
 * Content-Security-Policy forbids the page any other origin.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { ReactElement } from "react";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import type * as RedocModule from "redoc";
import { parse } from "yaml";
import { withDepartureNotes } from "./docs-spec.js";

// redoc ships CommonJS only: required, not imported, so that its exports resolve the same way everywhere.
const require = createRequire(import.meta.url);

/** styled-components 5, the version Redoc's standalone bundle is built with: its class names must match for hydration. */
interface ServerStyleSheet {
  collectStyles(element: ReactElement): ReactElement;
  getStyleTags(): string;
  seal(): void;
}

/**
 * The only request Redoc's bundle makes by itself: the Redocly logo beside "API docs by Redocly",
 * from a CDN. The attribution stays; the image becomes an empty inline SVG.
 */
const REDOCLY_LOGO_URL = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';
const EMPTY_SVG = `"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"`;

const SANS =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
const MONO =
  'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';

/** Redoc 2 options: everything open, so the page shows every field and response without a click. */
export const REDOC_OPTIONS = {
  expandResponses: "all",
  jsonSampleExpandLevel: "all",
  schemaExpansionLevel: "all",
  requiredPropsFirst: true,
  pathInMiddlePanel: true,
  // Redoc's download button only exists in the browser (a blob URL), so the pre-rendered page
  // would not match the hydrated one; the mock serves /openapi.yaml and /openapi.json instead.
  hideDownloadButton: true,
  showObjectSchemaExamples: true,
  theme: {
    typography: { fontFamily: SANS, headings: { fontFamily: SANS }, code: { fontFamily: MONO } },
  },
} as const;

/** Nothing may load from another origin; Redoc's search runs in a worker made from a blob. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "font-src data:",
  "worker-src blob:",
  "connect-src 'self' blob: data:",
].join("; ");

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** JSON inside a <script>: `<` escaped so that no `</script>` in a description can end the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

export async function buildDocs(specPath: string, outputPath: string): Promise<void> {
  // styled-components names classes differently in development; they must match Redoc's production bundle.
  process.env.NODE_ENV = "production";
  const redoc = require("redoc") as typeof RedocModule;
  const { ServerStyleSheet } = require("styled-components") as {
    ServerStyleSheet: new () => ServerStyleSheet;
  };
  const document = withDepartureNotes(parse(await readFile(specPath, "utf8")) as Record<string, unknown>);
  const spec = await redoc.loadAndBundleSpec(document);
  const sheet = new ServerStyleSheet();
  const { store, body } = await withRedocWarningsExplained(async () => {
    const store = await redoc.createStore(spec, undefined, REDOC_OPTIONS);
    return { store, body: renderToString(sheet.collectStyles(createElement(redoc.Redoc, { store }))) };
  });
  const styles = sheet.getStyleTags();
  sheet.seal();
  const state = await store.toJS();
  const standalone = withoutRemoteLogo(
    await readFile(require.resolve("redoc/bundles/redoc.standalone.js"), "utf8"),
  );
  const info = document.info as { title: string; summary?: string };

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(info.title)}: API reference</title>
<meta name="description" content="${escapeHtml(info.summary ?? info.title)}">
<style>body { margin: 0; padding: 0; }</style>
${styles}
</head>
<body>
<div id="redoc">${body}</div>
<script>${standalone}</script>
<script>Redoc.hydrate(${scriptJson(state)}, document.getElementById("redoc"));</script>
</body>
</html>
`;
  await mkdir(new URL(".", `file://${outputPath}`), { recursive: true });
  await writeFile(outputPath, html);
}

/**
 * Redoc 2 draws one list of alternatives per schema: where `allOf` merges a `oneOf` and an `anyOf` (the
 * provider rule and the either-id rule of InboundMessageRequest) it keeps the `oneOf` and warns
 * "oneOf and anyOf are not supported on the same level. Skipping anyOf at ...", a line that `pnpm install`
 * printed unexplained. The page loses nothing a reader needs: the operation's and the request body's
 * descriptions state the either-id rule (a test of /docs checks it). Other warnings pass through as they are.
 */
export function explainRedocWarning(message: string): string {
  const skipped = /oneOf and anyOf are not supported on the same level\. Skipping anyOf at (\S+)/.exec(
    message,
  );
  if (!skipped) return message;
  return (
    `build-docs: /docs lists ${skipped[1]}'s oneOf alternatives but not its anyOf ones (Redoc 2 draws one list per ` +
    "schema); the either-id rule they express is stated in the request's description on the page. Nothing to fix."
  );
}

async function withRedocWarningsExplained<T>(render: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  const explained = new Set<string>();
  console.warn = (...args: unknown[]) => {
    const text = explainRedocWarning(args.map(String).join(" "));
    // Redoc warns once per place the schema is drawn; one line each is enough.
    if (!explained.has(text)) warn(text);
    explained.add(text);
  };
  try {
    return await render();
  } finally {
    console.warn = warn;
  }
}

function withoutRemoteLogo(bundle: string): string {
  const occurrences = bundle.split(REDOCLY_LOGO_URL).length - 1;
  // Fail the build rather than ship a page that calls a CDN if a new Redoc moves the logo.
  if (occurrences !== 1)
    throw new Error(`build-docs: expected the Redocly logo URL once in Redoc's bundle, found ${occurrences}`);
  if (/https?:\/\/cdn\./.test(bundle.replace(REDOCLY_LOGO_URL, ""))) {
    throw new Error("build-docs: Redoc's bundle references another CDN URL; check what the page would load");
  }
  return bundle.replace(REDOCLY_LOGO_URL, EMPTY_SVG);
}
