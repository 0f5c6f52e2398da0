import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The stranger's project, as files: package.json, one tsconfig per module resolution, and src/<part>.{ts,cts}. */
export const CONSUMER_TEMPLATE_DIR = fileURLToPath(new URL("../consumer/", import.meta.url));

export interface ConsumerPart {
  /** Names the consumer files: `consumer/src/<name>.ts` (ESM) and `consumer/src/<name>.cts` (CommonJS). */
  readonly name: string;
  /** The public packages the files import: the part runs once every one of them is in the workspace. */
  readonly needs: readonly string[];
  /**
   * Prism 5.16 depends on @faker-js/faker 10, which is ESM only, and require()s it from its CommonJS code:
   * that needs Node's require(esm), on by default since 20.19. Parts that start the mock cannot turn it off,
   * so their CommonJS files prove instead that `require` resolved our `.cjs` build.
   */
  readonly needsRequireEsm?: boolean;
}

/**
 * What a consumer does with each package. The client and the mock are written in parallel with these tests,
 * so their parts wait until their packages exist and then run without an edit here; the rehearsal lists
 * waiting parts as todo tests, so a missing package is visible rather than silently skipped.
 */
export const CONSUMER_PARTS: readonly ConsumerPart[] = [
  { name: "types", needs: ["@ghl-inbound/types"] },
  { name: "client", needs: ["@ghl-inbound/client", "@ghl-inbound/types"] },
  { name: "limiter", needs: ["@ghl-inbound/limiter"] },
  { name: "mock", needs: ["@ghl-inbound/mock"], needsRequireEsm: true },
  {
    name: "client-mock",
    needs: ["@ghl-inbound/client", "@ghl-inbound/mock", "@ghl-inbound/types"],
    needsRequireEsm: true,
  },
  { name: "cli", needs: ["@ghl-inbound/cli", "@ghl-inbound/mock"], needsRequireEsm: true },
];

/** Both module formats per part: ESM from `.ts` (the project is `"type": "module"`), CommonJS from `.cts`. */
export const CONSUMER_FORMATS = [
  { format: "esm", source: ".ts", compiled: ".js" },
  { format: "cjs", source: ".cts", compiled: ".cjs" },
] as const;

export function consumerSourceFiles(part: ConsumerPart): string[] {
  return CONSUMER_FORMATS.map(({ source }) => `src/${part.name}${source}`);
}

export interface PartSelection {
  readonly enabled: readonly ConsumerPart[];
  readonly waiting: ReadonlyArray<ConsumerPart & { readonly missing: readonly string[] }>;
}

export function selectConsumerParts(publicPackageNames: readonly string[]): PartSelection {
  const available = new Set(publicPackageNames);
  const enabled: ConsumerPart[] = [];
  const waiting: Array<ConsumerPart & { missing: string[] }> = [];
  for (const part of CONSUMER_PARTS) {
    const missing = part.needs.filter((name) => !available.has(name));
    if (missing.length === 0) enabled.push(part);
    else waiting.push({ ...part, missing });
  }
  return { enabled, waiting };
}

export function hasConsumerFiles(part: ConsumerPart): boolean {
  return consumerSourceFiles(part).every((file) => existsSync(join(CONSUMER_TEMPLATE_DIR, file)));
}
