import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const packageDir = new URL("../../", import.meta.url);
const pageDir = new URL("page/", packageDir);

export interface PageServer {
  url: string;
  /** The files esbuild bundled into the page's script, relative to packages/contract-tests. */
  bundledFiles: string[];
  stop(): Promise<void>;
}

/**
 * The frontend under test: page/main.ts bundled by esbuild for the browser (with the built
 * @ghl-inbound/client and @ghl-inbound/types, resolved by package name, as a dev server would)
 * and served with page/index.html by node:http on its own port, so that its origin differs from
 * the mock's and every call is a real cross-origin request.
 */
export async function startPageServer(): Promise<PageServer> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("main.ts", pageDir))],
    absWorkingDir: fileURLToPath(packageDir),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]!.text;
  const html = await readFile(new URL("index.html", pageDir), "utf8");

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://page.invalid").pathname;
    if (path === "/") response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
    else if (path === "/main.js") response.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("page server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    bundledFiles: Object.keys(bundle.metafile.inputs),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
