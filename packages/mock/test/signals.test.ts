/**
 * The mock stops with the command a user started, signalled the ways process runners do: `kill $!`
 * (SIGTERM), Ctrl-C sent to that process alone (SIGINT), a closed terminal (SIGHUP), a runner that
 * SIGKILLs the package manager. Each case starts a real process and signals its pid only, never its
 * process group, then checks that the port is closed and that nothing it started is left.
 */
import { once } from "node:events";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isListening, postMessage } from "./helpers.js";
import { type StartedCommand, startCommand, waitForExit, waitForReady } from "./processes.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CLI = join(PACKAGE_DIR, "dist/cli.js");

/**
 * The environment of a shell outside any package manager (this test runs under pnpm, which sets npm_*):
 * the bin started directly then does not watch its parent, so only the signal can stop it.
 */
const ENV_WITHOUT_PACKAGE_MANAGER = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")),
);

let started: StartedCommand | undefined;
afterEach(() => {
  started?.killGroup();
  started = undefined;
});

async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function expectStoppedCleanly(command: StartedCommand, port: number): Promise<void> {
  expect(await waitForExit(command)).toEqual({ code: 0, signal: null });
  expect(await isListening(port)).toBe(false);
  expect(await command.leftovers()).toEqual([]);
}

describe("ghl-inbound-mock (the bin)", () => {
  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)("closes the server and exits 0 on %s", async (signal) => {
    started = startCommand(process.execPath, [CLI, "--port", "0"], { env: ENV_WITHOUT_PACKAGE_MANAGER });
    const { url, port } = await waitForReady(started);
    expect((await postMessage(url)).status).toBe(200);
    process.kill(started.child.pid!, signal);
    await expectStoppedCleanly(started, port);
  });

  it("stops on SIGINT when started in the background, with SIGINT ignored (as `cmd &` in a script)", async () => {
    started = startCommand("sh", ["-c", `trap '' INT; exec "${process.execPath}" "${CLI}" --port 0`], {
      env: ENV_WITHOUT_PACKAGE_MANAGER,
    });
    const { port } = await waitForReady(started);
    process.kill(started.child.pid!, "SIGINT");
    await expectStoppedCleanly(started, port);
  });

  it("exits 0 on a signal that comes while it is still starting, and never listens", async () => {
    // The spec is fetched from a server that never answers: the command is caught half-way through its start.
    const specServer = createServer(() => {});
    const specRequested = once(specServer, "request");
    specServer.listen(0, "127.0.0.1");
    await once(specServer, "listening");
    const { port: specPort } = specServer.address() as AddressInfo;
    try {
      const port = await findFreePort();
      started = startCommand(
        process.execPath,
        [CLI, "--port", String(port), "--spec", `http://127.0.0.1:${specPort}/openapi.yaml`],
        { env: ENV_WITHOUT_PACKAGE_MANAGER },
      );
      await specRequested;
      process.kill(started.child.pid!, "SIGTERM");
      expect(await waitForExit(started)).toEqual({ code: 0, signal: null });
      expect(started.output()).not.toContain("ready at");
      expect(await isListening(port)).toBe(false);
      expect(await started.leftovers()).toEqual([]);
    } finally {
      specServer.closeAllConnections();
      specServer.close();
    }
  });
});

// pnpm, then turbo (hashing the repository to find the build cached), then Prism: seconds alone, and far
// more on CI's two cores shared with other suites. Bounded generously; nothing here measures time.
describe("pnpm mock", { timeout: 120_000 }, () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "stops the server when %s is sent to the pnpm process alone",
    async (signal) => {
      started = startCommand("pnpm", ["mock", "--port", "0"], { cwd: REPO_ROOT });
      const { url, port } = await waitForReady(started);
      // Not silent while turbo checks the build: the first line says what is going on.
      expect(started.output()).toContain("pnpm mock: building @ghl-inbound/mock if it changed");
      expect((await postMessage(url)).status).toBe(200);
      process.kill(started.child.pid!, signal);
      await expectStoppedCleanly(started, port);
    },
  );

  it("stops the server when pnpm is killed outright (SIGKILL), which it cannot pass on", async () => {
    started = startCommand("pnpm", ["mock", "--port", "0"], { cwd: REPO_ROOT });
    const { port } = await waitForReady(started);
    process.kill(started.child.pid!, "SIGKILL");
    await waitForExit(started);
    await expect.poll(() => isListening(port), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => started!.leftovers(), { timeout: 5_000 }).toEqual([]);
  });
});

describe("npx ghl-inbound-mock", () => {
  let project: string;
  beforeAll(async () => {
    // A consumer's project with the package installed, as npm links it: node_modules/.bin points at the bin.
    project = await mkdtemp(join(tmpdir(), "ghl-mock-npx-"));
    await writeFile(join(project, "package.json"), '{ "name": "consumer", "private": true }\n');
    await mkdir(join(project, "node_modules/@ghl-inbound"), { recursive: true });
    await mkdir(join(project, "node_modules/.bin"));
    await symlink(PACKAGE_DIR, join(project, "node_modules/@ghl-inbound/mock"), "dir");
    await symlink("../@ghl-inbound/mock/dist/cli.js", join(project, "node_modules/.bin/ghl-inbound-mock"));
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  // npm runs the bin through `sh -c` and passes SIGTERM to the shell only: the bin notices the shell is gone.
  it.each(["SIGTERM", "SIGHUP"] as const)("stops the server when %s is sent to npx alone", async (signal) => {
    started = startCommand("npx", ["--no", "--", "ghl-inbound-mock", "--port", "0"], {
      cwd: project,
      env: ENV_WITHOUT_PACKAGE_MANAGER,
    });
    const { port } = await waitForReady(started);
    process.kill(started.child.pid!, signal);
    await waitForExit(started);
    await expect.poll(() => isListening(port), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => started!.leftovers(), { timeout: 5_000 }).toEqual([]);
  });
});
