// Runs Verdaccio for one rehearsal, as a child process of the test (see registry.ts). It listens on a port
// the OS picks and reports it on stdout; it exits when its stdin pipe closes, so a test run that dies
// without calling stop() cannot leave a registry listening.
import { runServer } from "verdaccio";

const [configPath] = process.argv.slice(2);
if (!configPath) throw new Error("usage: node registry-server.mjs <config.yaml>");

const server = await runServer(configPath);
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ registryPort: server.address().port })}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));
