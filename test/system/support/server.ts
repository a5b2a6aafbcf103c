/**
 * The test's "server": a Debian container where platform/bin/bootstrap runs
 * for real and the deploy user's sshd listens. Its docker CLI drives the test's
 * engine through the socket, so the platform and the apps run as siblings.
 */
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../../support/paths.js";
import { BASE } from "./images.js";
import { sharedRoot } from "./paths.js";
import { run, tryRun, type RunOptions, type RunResult } from "./run.js";

export const SERVER = "towlion-test-server";
export const SSH_PORT = 2222;
export const HTTPS_PORT = 18443;
export const home = `${sharedRoot}/opt/towlion`;
export const data = `${sharedRoot}/data`;
export const settingsFile = "/etc/towlion/platform.env";
const platformSource = "/srv/platform-source";

export function startServer(): void {
  removeServer();
  fs.rmSync(sharedRoot, { recursive: true, force: true });
  fs.mkdirSync(sharedRoot, { recursive: true });
  fs.copyFileSync(path.join(repoRoot, "test", "system", "compose.override.yml"), path.join(sharedRoot, "compose.override.yml"));
  run("docker", [
    "run", "-d", "--name", SERVER, "--hostname", "towlion-server", "--restart", "unless-stopped",
    // nft loads the platform's firewall into this container's own network namespace.
    "--cap-add", "NET_ADMIN",
    "-v", "/var/run/docker.sock:/var/run/docker.sock",
    "-v", `${sharedRoot}:${sharedRoot}`,
    "-v", `${path.join(repoRoot, "platform")}:${platformSource}:ro`,
    "-p", `127.0.0.1:${SSH_PORT}:22`,
    BASE.server,
  ]);
}

export function removeServer(): void {
  tryRun("docker", ["rm", "-f", SERVER]);
}

/** A command inside the server as root, through bash. */
export function onServer(script: string, options: RunOptions = {}): RunResult {
  const envArgs = Object.entries(options.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  return tryRun("docker", ["exec", "-i", ...envArgs, SERVER, "bash", "-euo", "pipefail", "-c", script], {
    input: options.input ?? "",
    timeout: options.timeout,
  });
}

export function onServerOk(script: string, options: RunOptions = {}): string {
  const result = onServer(script, options);
  if (result.status !== 0) throw new Error(`on server: ${script}\nexit ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export function bootstrap(deployPublicKey: string): RunResult {
  return onServer(`${platformSource}/bin/bootstrap`, {
    env: {
      TOWLION_ACME_EMAIL: "ops@example.com",
      TOWLION_DEPLOY_AUTHORIZED_KEY: deployPublicKey,
      TOWLION_HOME: home,
      TOWLION_DATA: data,
      // The test starts the stack itself, with its override file (compose.override.yml).
      TOWLION_BOOTSTRAP_START_STACK: "false",
    },
    timeout: 15 * 60_000,
  });
}

/** `docker compose` for the platform stack, as bootstrap runs it, plus the test's override. */
export function platformCompose(args: string): string {
  return `docker compose --env-file ${settingsFile} -f ${home}/platform/docker-compose.yml -f ${sharedRoot}/compose.override.yml ${args}`;
}

/** A platform command with the server's settings loaded, as the timers run them. */
export function platformCommand(command: string): RunResult {
  return onServer(`set -a; . ${settingsFile}; set +a; ${home}/platform/bin/${command}`, { timeout: 10 * 60_000 });
}

export function startSshd(): void {
  onServerOk("mkdir -p /run/sshd && /usr/sbin/sshd");
}

/**
 * A real server reaches its containers' addresses on the `towlion` bridge
 * (rclone uses the object store's); this container has to join that network
 * for the same, since Docker isolates bridges from each other.
 */
export function joinPlatformNetwork(): void {
  run("docker", ["network", "connect", "towlion", SERVER]);
}
