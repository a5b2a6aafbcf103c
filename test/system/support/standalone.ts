/**
 * An app alone on its own server, as its README tells a fork to run it: the
 * generated deploy/docker-compose.standalone.yml with its own Caddy, PostgreSQL,
 * Redis and S3 server, from the app's published images.
 */
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../../support/paths.js";
import type { TestApp } from "./apps.js";
import type { Endpoint } from "./http.js";
import { BASE } from "./images.js";
import { run, tryRun } from "./run.js";

/** Where the standalone Caddy's HTTPS is published (standalone.override.yml reads it). */
const HTTPS_PORT = 28443;

export interface Standalone {
  endpoint: Endpoint;
  /** `docker compose` with the app's standalone project, settings and the test's port override. */
  compose: (args: readonly string[]) => string;
}

/** The environment of every `docker compose` call: the port the override publishes. */
function composeEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TOWLION_TEST_STANDALONE_HTTPS_PORT: String(HTTPS_PORT) };
}

function composeArgs(app: TestApp, args: readonly string[]): string[] {
  return [
    "compose",
    "-p", `${app.name}-standalone`,
    "--env-file", "deploy/.env.standalone",
    "-f", "deploy/docker-compose.standalone.yml",
    "-f", path.join(repoRoot, "test", "system", "standalone.override.yml"),
    ...args,
  ];
}

/** Settings from the app's own scripts/standalone-env.sh, plus the images to run. */
function writeSettings(app: TestApp, domain: string, tag: string): void {
  const settings = run(path.join(app.dir, "scripts", "standalone-env.sh"), [domain, "ops@example.com"], { cwd: app.dir });
  const images = [
    `APP_IMAGE=${app.repo}/app:${tag}`,
    ...(app.frontend ? [`FRONTEND_IMAGE=${app.repo}/frontend:${tag}`] : []),
    `TOWLION_IMAGE_CADDY=${BASE.caddy}`,
    `TOWLION_IMAGE_POSTGRES=${BASE.postgres}`,
    `TOWLION_IMAGE_REDIS=${BASE.redis}`,
    `TOWLION_IMAGE_VERSITYGW=${BASE.versitygw}`,
  ];
  fs.writeFileSync(path.join(app.dir, "deploy", ".env.standalone"), `${settings}${images.join("\n")}\n`, { mode: 0o600 });
}

export function startStandalone(app: TestApp, domain: string, tag: string): Standalone {
  writeSettings(app, domain, tag);
  const compose = (args: readonly string[]) =>
    run("docker", composeArgs(app, args), { cwd: app.dir, env: composeEnv(), timeout: 10 * 60_000 });
  compose(["up", "-d"]);
  let ca: Buffer | undefined;
  const endpoint: Endpoint = {
    port: HTTPS_PORT,
    // Caddy makes its local CA when it first needs a certificate.
    ca: () => (ca ??= Buffer.from(compose(["exec", "-T", "caddy", "cat", "/data/caddy/pki/authorities/local/root.crt"]))),
  };
  return { endpoint, compose };
}

/** Containers, network and volumes: nothing of the standalone app is left. */
export function removeStandalone(app: TestApp): void {
  if (fs.existsSync(path.join(app.dir, "deploy", ".env.standalone"))) {
    tryRun("docker", composeArgs(app, ["down", "--volumes", "--remove-orphans", "--timeout", "10"]), { cwd: app.dir, env: composeEnv() });
  }
}
