/** Running a generated app's Python tooling (uv, ruff, mypy, pytest) against the test services. */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { repoRoot, toolsBin } from "../../support/paths.js";
import type { TestServices } from "../../support/services.js";

/** One uv cache for every generated app: presets share downloads and unpacked wheels. */
export const uvCacheDir = path.join(repoRoot, ".tmp", "uv-cache");

export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${toolsBin}${path.delimiter}${process.env.PATH ?? ""}`,
    UV_CACHE_DIR: uvCacheDir,
    UV_PYTHON_DOWNLOADS: "never",
    UV_NO_PROGRESS: "1",
    ...extra,
  };
  // The generated app reads these; nothing from the outer shell may leak in.
  for (const name of ["DATABASE_URL", "REDIS_KEY_PREFIX", "ENVIRONMENT", "VIRTUAL_ENV", "S3_BUCKET"]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

export interface RunResult {
  status: number | null;
  output: string;
  seconds: number;
}

/** Run a command to completion; output (stdout and stderr) is kept for failure messages. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 600_000): RunResult {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return {
    status: result.status,
    output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`,
    seconds: (Date.now() - started) / 1000,
  };
}

export function uv(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = toolEnv(), timeoutMs?: number): RunResult {
  return run(path.join(toolsBin, "uv"), args, cwd, env, timeoutMs);
}

/**
 * A Redis user restricted like the platform's: keys and channels under `<app>:`, no admin or
 * dangerous commands. Returns its URL and a function that deletes it and its keys.
 */
export function restrictedRedisUser(services: TestServices, app: string): { url: string; drop: () => void } {
  const user = `${app}-${crypto.randomBytes(3).toString("hex")}`;
  const password = crypto.randomBytes(16).toString("hex");
  const cli = (...args: string[]): RunResult => run("redis-cli", ["-u", services.redis.adminUrl, "--no-auth-warning", ...args], repoRoot, process.env);
  const created = cli("ACL", "SETUSER", user, "reset", "on", `>${password}`, `~${app}:*`, `&${app}:*`, "+@all", "-@admin", "-@dangerous");
  if (!created.output.includes("OK")) throw new Error(`could not create Redis user: ${created.output}`);
  return {
    url: `redis://${user}:${password}@${services.redis.host}:${services.redis.port}/0`,
    drop: () => {
      cli("ACL", "DELUSER", user);
      const keys = cli("--scan", "--pattern", `${app}:*`).output.split("\n").filter((k) => k.startsWith(`${app}:`));
      for (let i = 0; i < keys.length; i += 200) cli("DEL", ...keys.slice(i, i + 200));
    },
  };
}

/** The variables the generated test suite documents (see its README, "Running the tests"). */
export function pytestEnv(services: TestServices, redisUrl: string): NodeJS.ProcessEnv {
  return toolEnv({
    TEST_DATABASE_URL: services.pg.adminUrl,
    REDIS_URL: redisUrl,
    S3_ENDPOINT: services.s3.endpoint,
    S3_ACCESS_KEY: services.s3.accessKey,
    S3_SECRET_KEY: services.s3.secretKey,
    S3_REGION: services.s3.region,
  });
}

/** A digest of the files that make up the backend, to recognise presets with the same backend. */
export function backendDigest(appDir: string): string {
  const hash = crypto.createHash("sha256");
  const files = ["pyproject.toml", "uv.lock", ".dockerignore"];
  for (const folder of ["app", "tests"]) {
    for (const entry of fs.readdirSync(path.join(appDir, folder), { recursive: true, withFileTypes: true })) {
      const file = path.relative(appDir, path.join(entry.parentPath, entry.name));
      if (entry.isFile() && !file.includes("__pycache__")) files.push(file);
    }
  }
  for (const file of files.sort()) {
    hash.update(file).update("\0").update(fs.readFileSync(path.join(appDir, file))).update("\0");
  }
  return hash.digest("hex");
}
