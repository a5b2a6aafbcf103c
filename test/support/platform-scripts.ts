/**
 * Runs the platform's scripts (platform/bin/*) against the real test services,
 * and talks to those services as an app would, with an app's credentials.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { scratchDir } from "./generate.js";
import { repoRoot, toolsBin } from "./paths.js";
import { testServices } from "./services.js";

export const platformDir = path.join(repoRoot, "platform");
export const platformBin = path.join(platformDir, "bin");

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** A name no other test (or engineer) uses: lowercase, starts with a letter. */
export function uniqueName(prefix: string): string {
  return `${prefix}${crypto.randomBytes(4).toString("hex")}`;
}

/** Settings for the scripts, pointing at the test services and a scratch TOWLION_DATA. */
export function platformEnv(data: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const s = testServices();
  const s3Port = new URL(s.s3.endpoint).port;
  return {
    ...process.env,
    PATH: `${toolsBin}:${process.env.PATH ?? ""}`,
    TOWLION_ENV_FILE: path.join(data, "no-settings-file.env"),
    TOWLION_RUNTIME: "native",
    TOWLION_DATA: data,
    PGHOST: s.pg.host,
    PGPORT: String(s.pg.port),
    PGUSER: s.pg.user,
    PGPASSWORD: s.pg.password,
    TOWLION_REDIS_HOST: s.redis.host,
    TOWLION_REDIS_PORT: String(s.redis.port),
    TOWLION_REDIS_ADMIN_USER: "default",
    TOWLION_REDIS_ADMIN_PASSWORD: s.redis.password,
    TOWLION_S3_ENDPOINT: s.s3.endpoint,
    TOWLION_S3_ADMIN_ENDPOINT: s.s3.adminEndpoint,
    TOWLION_S3_ROOT_ACCESS_KEY: s.s3.accessKey,
    TOWLION_S3_ROOT_SECRET_KEY: s.s3.secretKey,
    TOWLION_S3_REGION: s.s3.region,
    TOWLION_APP_DATABASE_HOST: s.pg.host,
    TOWLION_APP_DATABASE_PORT: String(s.pg.port),
    TOWLION_APP_REDIS_HOST: s.redis.host,
    TOWLION_APP_REDIS_PORT: String(s.redis.port),
    TOWLION_APP_S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    ...extra,
  };
}

/** A scratch TOWLION_DATA folder. */
export function scratchData(label: string): string {
  return scratchDir(`platform-${label}`);
}

export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string): RunResult {
  const result = spawnSync(command, args, { env, encoding: "utf8", input, timeout: 300_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs platform/bin/<script>. */
export function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string): RunResult {
  return run(path.join(platformBin, script), args, env, input);
}

/** Runs a script and fails the test with its output when it does not exit 0. */
export function mustRun(script: string, args: readonly string[], env: NodeJS.ProcessEnv): RunResult {
  const result = runScript(script, args, env);
  if (result.status !== 0) {
    throw new Error(`${script} ${args.join(" ")} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** The variables of an app's credentials file. */
export function readCredentials(data: string, app: string): Record<string, string> {
  const text = fs.readFileSync(path.join(data, "apps", app, "credentials.env"), "utf8");
  return Object.fromEntries(
    text
      .split("\n")
      .filter((line) => line.includes("=") && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

/** Runs SQL through psql with a connection URL (an app's DATABASE_URL, or another database on it). */
export function psqlAs(url: string, sql: string, database?: string): RunResult {
  const parsed = new URL(url);
  const env = {
    ...process.env,
    PGHOST: parsed.hostname,
    PGPORT: parsed.port,
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    PGDATABASE: database ?? parsed.pathname.slice(1),
    PGCONNECT_TIMEOUT: "5",
  };
  return run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"], env, sql);
}

/** Runs Redis commands (one per line) as the user of a redis:// URL. */
export function redisAs(url: string, commands: string): RunResult {
  const parsed = new URL(url);
  const env = { ...process.env, REDISCLI_AUTH: decodeURIComponent(parsed.password) };
  return run(
    "redis-cli",
    ["--no-auth-warning", "-h", parsed.hostname, "-p", parsed.port, "--user", decodeURIComponent(parsed.username)],
    env,
    commands,
  );
}

/** rclone against the test S3 server with the given keys, as remote "s3:". */
export function rcloneAs(accessKey: string, secretKey: string, args: readonly string[], input?: string): RunResult {
  const s = testServices();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RCLONE_CONFIG: "/dev/null",
    RCLONE_CONFIG_S3_TYPE: "s3",
    RCLONE_CONFIG_S3_PROVIDER: "Other",
    RCLONE_CONFIG_S3_ENDPOINT: s.s3.endpoint,
    RCLONE_CONFIG_S3_REGION: s.s3.region,
    RCLONE_CONFIG_S3_ACCESS_KEY_ID: accessKey,
    RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: secretKey,
    RCLONE_CONFIG_S3_FORCE_PATH_STYLE: "true",
    RCLONE_CONFIG_S3_NO_CHECK_BUCKET: "true",
    RCLONE_RETRIES: "1",
    RCLONE_LOW_LEVEL_RETRIES: "1",
  };
  delete env.AWS_CA_BUNDLE;
  return run("rclone", args, env, input);
}

/** A loopback TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
