/**
 * The platform's Redis setup with a real Redis of its own: platform/redis/redis.conf,
 * the ACL file bootstrap starts with, and app users that provision-app saves
 * into it surviving a restart.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  mustRun,
  platformDir,
  platformEnv,
  readCredentials,
  redisAs,
  run,
  runScript,
  scratchData,
  uniqueName,
} from "../support/platform-scripts.js";

const data = scratchData("redis-acl");
const redisDir = path.join(data, "redis");
const adminPassword = "0123456789abcdef0123456789abcdef";
const app = uniqueName("tra");
let port = 0;
let redis: ChildProcess | undefined;
let env: NodeJS.ProcessEnv;

/** Starts redis-server with the platform's redis.conf (port, folder and bind adjusted for a test). */
async function startRedis(): Promise<void> {
  redis = spawn(
    "redis-server",
    [path.join(platformDir, "redis", "redis.conf"), "--port", String(port), "--bind", "127.0.0.1", "--dir", redisDir, "--aclfile", path.join(redisDir, "users.acl")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  redis.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  for (let i = 0; i < 100; i++) {
    if (run("redis-cli", ["-p", String(port), "PING"], process.env).stdout.includes("NOAUTH")) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis did not start:\n${log}`);
}

async function stopRedis(): Promise<void> {
  if (!redis) return;
  const exited = new Promise((resolve) => redis?.on("exit", resolve));
  redis.kill("SIGTERM");
  await exited;
  redis = undefined;
}

beforeAll(async () => {
  fs.mkdirSync(redisDir, { recursive: true });
  // The ACL file exactly as bootstrap writes it.
  const acl = run("bash", ["-c", `. '${platformDir}/lib/common.sh'; . '${platformDir}/lib/redis.sh'; redis_initial_acl`], process.env, adminPassword);
  fs.writeFileSync(path.join(redisDir, "users.acl"), acl.stdout, { mode: 0o600 });
  port = await freePort();
  await startRedis();
  env = platformEnv(data, {
    TOWLION_REDIS_PORT: String(port),
    TOWLION_REDIS_ADMIN_USER: "admin",
    TOWLION_REDIS_ADMIN_PASSWORD: adminPassword,
    TOWLION_APP_REDIS_PORT: String(port),
  });
});

afterAll(async () => {
  runScript("deprovision-app", [app, "--yes"], env);
  await stopRedis();
  fs.rmSync(data, { recursive: true, force: true });
});

describe("Redis with the platform's configuration", () => {
  it("lets no one in without a password, and the admin in with it", () => {
    expect(run("redis-cli", ["-p", String(port), "GET", "x"], process.env).stdout).toMatch(/NOAUTH/);
    const asDefault = redisAs(`redis://default:anything@127.0.0.1:${port}/0`, "PING\n");
    expect(asDefault.stderr).toMatch(/WRONGPASS invalid username-password pair or user is disabled/);
    expect(asDefault.stdout).not.toMatch(/PONG/);
    expect(redisAs(`redis://admin:${adminPassword}@127.0.0.1:${port}/0`, "PING\n").stdout.trim()).toBe("PONG");
    expect(fs.readFileSync(path.join(redisDir, "users.acl"), "utf8")).not.toContain(adminPassword);
  });

  it("saves app users to the ACL file, so they survive a restart", async () => {
    const result = mustRun("provision-app", [app], env);
    expect(result.stderr).not.toMatch(/no aclfile/);
    const acl = fs.readFileSync(path.join(redisDir, "users.acl"), "utf8");
    // Redis writes the rule back in its own normal form (-@admin is part of -@dangerous).
    expect(acl).toMatch(new RegExp(`^user ${app} on .*#[0-9a-f]{64} ~${app}:\\* .*&${app}:\\* \\+@all -@dangerous$`, "m"));
    const url = readCredentials(data, app).REDIS_URL!;
    expect(redisAs(url, `SET ${app}:kept yes\n`).stdout.trim()).toBe("OK");

    await stopRedis();
    await startRedis();
    expect(redisAs(url, `GET ${app}:kept\nGET other:key\n`).stdout.split("\n").slice(0, 2)).toEqual(["yes", expect.stringMatching(/NOPERM/)]);
    expect(redisAs(url, "CONFIG GET maxmemory-policy\n").stdout).toMatch(/NOPERM/);
    const policy = redisAs(`redis://admin:${adminPassword}@127.0.0.1:${port}/0`, "CONFIG GET maxmemory-policy\n");
    expect(policy.stdout).toMatch(/noeviction/);
  });
});
