import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium: the tests never download a browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where screenshots go: packages/contract-tests/artifacts/ (gitignored), kept after the run for people to look at. */
export const artifactsDir = new URL("../../artifacts/", import.meta.url);

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A real Chromium with a fresh profile in a temp directory, removed on close. */
export async function launchChromium(): Promise<Chromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), "ghl-inbound-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface WatchedRequests {
  /** Every URL the page requested, in order. */
  urls: string[];
  /** The same requests as "POST http://127.0.0.1:PORT/path", to tell a send from a page load. */
  lines: string[];
  /** The URLs that left 127.0.0.1. */
  offLoopback(): string[];
}

/** Records every request the page makes. */
export function watchRequests(page: Page): WatchedRequests {
  const urls: string[] = [];
  const lines: string[] = [];
  page.on("request", (request) => {
    urls.push(request.url());
    lines.push(`${request.method()} ${request.url()}`);
  });
  return {
    urls,
    lines,
    offLoopback: () => urls.filter((url) => !isLoopback(url)),
  };
}

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  // data: and blob: URLs are made inside the page and never reach a network.
  if (protocol === "data:" || protocol === "blob:") return true;
  return hostname === "127.0.0.1";
}

export async function screenshotPath(name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  return join(artifactsDir.pathname, name);
}
