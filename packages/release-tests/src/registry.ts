import { type ChildProcessByStdio, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";

export interface Registry {
  /** `http://127.0.0.1:<port>/`, with the trailing slash npm's config keys expect. */
  readonly url: string;
  /** A publish token for the registry's only user, for an `.npmrc` `//127.0.0.1:<port>/:_authToken=` line. */
  readonly token: string;
  /** The `.npmrc` key that carries the token. */
  readonly authTokenKey: string;
  /** Stops the registry; safe to call twice, and after a failed start. */
  stop(): Promise<void>;
}

const SERVER_SCRIPT = fileURLToPath(new URL("./registry-server.mjs", import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_KEPT_CHARS = 8_000;

/**
 * Verdaccio with nothing in it and no uplink: `@ghl-inbound/*` can only come from what the rehearsal
 * publishes, never from npmjs. Consumers fetch third-party packages from their usual registry and only the
 * `@ghl-inbound` scope from here (a scoped registry in their `.npmrc`), so the registry needs no network.
 */
function renderConfig(dir: string): string {
  return `storage: ${JSON.stringify(join(dir, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, "htpasswd"))}
    max_users: 1
uplinks: {}
packages:
  "@ghl-inbound/*":
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  "**":
    access: $all
    publish: $authenticated
max_body_size: 50mb
log: { type: stdout, format: json, level: warn }
web:
  enable: false
`;
}

/**
 * Starts a real Verdaccio on 127.0.0.1 with its storage in `dir`, on a port the OS picks, and signs up its
 * only user. The process is a child with piped stdio (turbo waits for inherited handles); `stop()` ends it.
 */
export async function startRegistry(dir: string): Promise<Registry> {
  await mkdir(dir, { recursive: true });
  const configPath = join(dir, "config.yaml");
  await writeFile(configPath, renderConfig(dir));

  const child = spawn(process.execPath, [SERVER_SCRIPT, configPath], {
    cwd: dir,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const keepOutput = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout.on("data", keepOutput);
  child.stderr.on("data", keepOutput);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = () => stopChild(child, exited);

  try {
    const port = await waitForPort(child, () => output);
    const url = `http://127.0.0.1:${port}/`;
    const token = await addUser(url);
    return { url, token, authTokenKey: `//127.0.0.1:${port}/:_authToken`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForPort(child: ChildProcessByStdio<Writable, Readable, Readable>, output: () => string) {
  return new Promise<number>((resolve, reject) => {
    let lines = "";
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`Verdaccio did not start: ${reason}\n${output()}`));
    };
    const timer = setTimeout(() => fail(`no port after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once("exit", (code, signal) => fail(`it exited (${signal ?? code})`));
    child.stdout.on("data", (chunk: Buffer) => {
      lines += chunk.toString("utf8");
      const match = /\{"registryPort":(\d+)\}/.exec(lines);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
}

/** Verdaccio's sign-up endpoint (what `npm adduser` calls) answers with a token: no interactive login needed. */
async function addUser(url: string): Promise<string> {
  const name = "rehearsal";
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: randomUUID() }),
  });
  const body = (await response.json()) as { token?: unknown };
  if (!response.ok || typeof body.token !== "string") {
    throw new Error(`Verdaccio refused to add the rehearsal user: ${response.status} ${response.statusText}`);
  }
  return body.token;
}

async function stopChild(child: ChildProcessByStdio<Writable, Readable, Readable>, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin.end();
  child.kill("SIGTERM");
  const timedOut = Symbol("timed out");
  const outcome = await Promise.race([
    exited,
    new Promise<typeof timedOut>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS, timedOut).unref()),
  ]);
  if (outcome === timedOut) {
    child.kill("SIGKILL");
    await exited;
  }
}
