/**
 * Files built next to the code: the spec copied from spec/openapi.yaml and the rendered API
 * reference. `../dist/` resolves from dist/ (the published package) and from src/ (tests run on
 * the sources after `build`) alike.
 */
export const embeddedSpecUrl = (): URL => new URL("../dist/openapi.yaml", import.meta.url);

export const docsHtmlUrl = (): URL => new URL("../dist/docs/index.html", import.meta.url);
