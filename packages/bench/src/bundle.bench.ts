// Browser bundle: what a page that imports createHighLevelClient loads before it sends, bundled by
// esbuild (minified, for the browser) from the packed install, and gzipped. With code splitting, as
// an app's bundler does with import(): the limiter, which the client loads only when `rateLimit` is
// set, is its own chunk, fetched on demand. The baseline is openapi-fetch alone, bundled the same way.
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { packedInstall } from "./packed-install.js";
import type { BenchMode, BenchResult } from "./report.js";
import { formatNumber, rowOf } from "./report.js";

const OURS = "@ghl-inbound/client";
/** Issue 13's budget for the page's first load, gzip. */
const TARGET_KB = 10;

const ENTRIES = {
  ours: `import { createHighLevelClient } from "${OURS}"; globalThis.createHighLevelClient = createHighLevelClient;`,
  baseline: `import createClient from "openapi-fetch"; globalThis.createClient = createClient;`,
};

interface BundleSize {
  /** The entry chunk and every chunk it imports statically: what loads with the page. */
  firstLoadGzipBytes: number;
  /** The chunks loaded only by import() (the limiter). */
  onDemandGzipBytes: number;
  /** One file, no splitting (esbuild then inlines what import() loads). */
  singleFileGzipBytes: number;
  minifiedBytes: number;
}

export async function runBundle(_mode: BenchMode): Promise<BenchResult> {
  const { dir } = await packedInstall(OURS);
  const [ours, baseline] = await Promise.all([measure(ENTRIES.ours, dir), measure(ENTRIES.baseline, dir)]);
  const firstLoadKb = ours.firstLoadGzipBytes / 1000;
  return {
    rows: [
      rowOf({
        benchmark: "browser bundle",
        measure: "first load of a page importing createHighLevelClient, gzip",
        unit: "kB",
        ours: { label: OURS, value: firstLoadKb },
        baseline: { label: "openapi-fetch alone", value: baseline.firstLoadGzipBytes / 1000 },
        target: { text: `<= ${formatNumber(TARGET_KB)} kB`, isMet: firstLoadKb <= TARGET_KB },
      }),
      rowOf({
        benchmark: "browser bundle",
        measure: "loaded on demand with rateLimit (the limiter), gzip",
        unit: "kB",
        ours: { label: OURS, value: ours.onDemandGzipBytes / 1000 },
      }),
    ],
    details: { [OURS]: ours, "openapi-fetch": baseline },
    notes: [
      'Browser bundle: `import { createHighLevelClient } from "@ghl-inbound/client"` bundled by esbuild ' +
        "(`bundle`, `minify`, `platform: browser`, `format: esm`, `splitting`) from the packed install (see " +
        "install footprint), gzipped (zlib, default level). First load: the entry chunk and the chunks it " +
        "imports statically. The limiter is loaded with import() only when `rateLimit` is set, so it is a " +
        `chunk of its own; without code splitting esbuild inlines it: ${formatNumber(
          ours.singleFileGzipBytes / 1000,
        )} kB in one file. Baseline: openapi-fetch's createClient alone, bundled the same way.`,
    ],
  };
}

async function measure(entry: string, resolveDir: string): Promise<BundleSize> {
  const split = await build({
    stdin: { contents: entry, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    outdir: "out",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const gzipOf = new Map(
    split.outputFiles.map((file) => [relative(file.path), gzipSync(file.contents).length]),
  );
  const firstLoad = staticClosure(split.metafile, "out/stdin.js");
  const sum = (paths: Iterable<string>) =>
    [...paths].reduce((total, path) => total + (gzipOf.get(path) ?? 0), 0);
  const onDemand = [...gzipOf.keys()].filter((path) => path.endsWith(".js") && !firstLoad.has(path));

  const single = await build({
    stdin: { contents: entry, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const [file] = single.outputFiles;
  return {
    firstLoadGzipBytes: sum(firstLoad),
    onDemandGzipBytes: sum(onDemand),
    singleFileGzipBytes: gzipSync(file!.contents).length,
    minifiedBytes: file!.contents.length,
  };

  function relative(path: string): string {
    return `out/${path.split("/out/").pop()}`;
  }
}

/** The output and every output it imports statically, transitively (not what it loads with import()). */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const closure = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (closure.has(path)) continue;
    closure.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === "import-statement" && !imported.external) queue.push(imported.path);
    }
  }
  return closure;
}
