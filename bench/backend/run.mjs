#!/usr/bin/env node
// Benchmark of the generated backend against a bare FastAPI hello-world, in one run:
//   node bench/backend/run.mjs [--duration 10] [--connections 32]
// Both run under uvicorn with the command of the generated image (app/Dockerfile) and the
// generated production settings; load comes from wrk (Debian package, scripts/install-deps.sh).
// Prints requests/s and p99 latency for /health and the authenticated, paginated notes list,
// the ratios to hello-world, and the idle resident memory of one API and one worker process.
// Needs `npm run build` and the test services (started here through scripts/test-services.sh).
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const tools = path.join(root, ".tmp", "tools", "bin");
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const DURATION = arg("duration", 10);
const CONNECTIONS = arg("connections", 32);
const NOTES = 50;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "towlion-bench-backend-"));
const app = `bench-${crypto.randomBytes(2).toString("hex")}`;
const database = `${app.replace(/-/g, "_")}_db`;
const cleanups = [];

const env = {
  ...process.env,
  PATH: `${tools}${path.delimiter}${process.env.PATH}`,
  UV_CACHE_DIR: path.join(root, ".tmp", "uv-cache"),
  UV_PYTHON_DOWNLOADS: "never",
};

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"], ...options });
}

function services() {
  run(path.join(root, "scripts", "test-services.sh"), ["start"]);
  const file = path.join(process.env.TOWLION_TEST_STATE ?? path.join(root, ".tmp", "services"), "env");
  return Object.fromEntries(
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

async function freePort() {
  return await new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url) {
  for (let i = 0; i < 150; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never answered`);
}

/**
 * Memory in MiB of a process: resident (RSS), and proportional (PSS, shared pages split
 * between the processes sharing them) summed over it and its descendants.
 */
function rssMiB(pid) {
  const own = (p) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) / 1024;
  const pss = (p) => Number(/Pss:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, "utf8"))?.[1] ?? 0) / 1024;
  const children = (p) =>
    fs
      .readFileSync(`/proc/${p}/task/${p}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  const tree = (p) => [p, ...children(p).flatMap(tree)];
  return { own: own(pid), tree: tree(pid).reduce((sum, p) => sum + own(p), 0), treePss: tree(pid).reduce((sum, p) => sum + pss(p), 0) };
}

/** The image's command (app/Dockerfile), on loopback. */
async function startServer(appDir, module, serverEnv) {
  const port = await freePort();
  const child = spawn(
    path.join(appDir, ".venv", "bin", "uvicorn"),
    [module, "--host", "127.0.0.1", "--port", String(port), "--no-proxy-headers", "--no-server-header"],
    { cwd: appDir, env: serverEnv, stdio: ["ignore", "ignore", "inherit"] },
  );
  cleanups.push(() => child.kill("SIGTERM"));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health`);
  return { base, pid: child.pid };
}

function wrk(url, headers = []) {
  const args = ["-t1", `-c${CONNECTIONS}`, `-d${DURATION}s`, "--latency", ...headers.flatMap((h) => ["-H", h]), url];
  run("wrk", ["-t1", "-c8", "-d2s", ...headers.flatMap((h) => ["-H", h]), url]); // warm-up
  const output = run("wrk", args);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(output);
  const p99ms = p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : NaN;
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  if (non2xx) throw new Error(`${url}: ${non2xx[1]} failed responses\n${output}`);
  return { rps, p99ms };
}

async function main() {
  const s = services();
  run("npm", ["run", "build"], { cwd: root });
  run(process.execPath, [path.join(root, "bin", "create-towlion-app.js"), app, "--domain", "example.com", "--preset", "full", "--yes", "--no-git"], { cwd: work });
  const appDir = path.join(work, app);
  run(path.join(tools, "uv"), ["sync", "--locked", "--no-dev"], { cwd: appDir });

  const pg = new URL(s.TEST_DATABASE_ADMIN_URL);
  const psql = (sql) => run("psql", [s.TEST_DATABASE_ADMIN_URL, "-v", "ON_ERROR_STOP=1", "-qc", sql]);
  psql(`CREATE DATABASE ${database}`);
  cleanups.push(() => psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  const redisPassword = crypto.randomBytes(12).toString("hex");
  const redisCli = (...args) => run("redis-cli", ["-u", s.TEST_REDIS_ADMIN_URL, "--no-auth-warning", ...args]);
  redisCli("ACL", "SETUSER", app, "reset", "on", `>${redisPassword}`, `~${app}:*`, `&${app}:*`, "+@all", "-@admin", "-@dangerous");
  cleanups.push(() => {
    redisCli("ACL", "DELUSER", app);
    const keys = redisCli("--scan", "--pattern", `${app}:*`).split("\n").filter(Boolean);
    if (keys.length > 0) redisCli("DEL", ...keys);
  });

  const appEnv = {
    ...env,
    ENVIRONMENT: "production",
    APP_DOMAIN: "localhost",
    DATABASE_URL: `postgresql://${pg.username}:${pg.password}@${pg.host}/${database}`,
    REDIS_URL: `redis://${app}:${redisPassword}@${s.TEST_REDIS_HOST}:${s.TEST_REDIS_PORT}/0`,
    JWT_SECRET: crypto.randomBytes(32).toString("hex"),
    S3_ENDPOINT: s.TEST_S3_ENDPOINT,
    S3_ACCESS_KEY: s.TEST_S3_ACCESS_KEY,
    S3_SECRET_KEY: s.TEST_S3_SECRET_KEY,
  };
  run(path.join(appDir, ".venv", "bin", "python"), ["-m", "app.migrate"], { cwd: appDir, env: appEnv });

  fs.writeFileSync(
    path.join(appDir, "hello.py"),
    'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\nasync def health() -> dict[str, str]:\n    return {"status": "ok"}\n',
  );
  const generated = await startServer(appDir, "app.main:app", appEnv);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const idleApi = rssMiB(generated.pid);
  const hello = await startServer(appDir, "hello:app", env);

  const register = await fetch(`${generated.base}/api/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "bench@example.com", password: "benchmark password", display_name: "Bench" }),
  });
  const { access_token: token } = await register.json();
  const auth = `Authorization: Bearer ${token}`;
  for (let i = 0; i < NOTES; i += 1) {
    await fetch(`${generated.base}/api/notes`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: `Note ${i}`, body: "x".repeat(200) }),
    });
  }

  const results = {
    "hello-world /health": wrk(`${hello.base}/health`),
    "generated /health": wrk(`${generated.base}/health`),
    "generated GET /api/notes (20 of 50, bearer)": wrk(`${generated.base}/api/notes?page=1&page_size=20`, [auth]),
  };
  const loadedApi = rssMiB(generated.pid);

  const worker = spawn(path.join(appDir, ".venv", "bin", "celery"), ["-A", "app.worker", "worker", "--loglevel=WARNING", "--concurrency=1"], {
    cwd: appDir,
    env: appEnv,
    stdio: ["ignore", "ignore", "ignore"],
  });
  cleanups.push(() => worker.kill("SIGTERM"));
  await new Promise((resolve) => setTimeout(resolve, 8000));
  const idleWorker = rssMiB(worker.pid);

  const base = results["hello-world /health"];
  console.log(`\nbackend benchmark: wrk -t1 -c${CONNECTIONS} -d${DURATION}s, one uvicorn process each, ${os.cpus().length} CPUs\n`);
  console.log("| endpoint | requests/s | p99 ms | requests/s vs hello-world | p99 vs hello-world |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, r] of Object.entries(results)) {
    console.log(`| ${name} | ${r.rps.toFixed(0)} | ${r.p99ms.toFixed(2)} | ${(r.rps / base.rps).toFixed(2)} | ${(r.p99ms / base.p99ms).toFixed(2)} |`);
  }
  console.log(`\nresident memory: API process idle ${idleApi.own.toFixed(1)} MiB, after the load ${loadedApi.own.toFixed(1)} MiB;`);
  console.log(
    `Celery worker (--concurrency=1) idle: main process ${idleWorker.own.toFixed(1)} MiB RSS; with its pool child ` +
      `${idleWorker.tree.toFixed(1)} MiB RSS, ${idleWorker.treePss.toFixed(1)} MiB PSS (copy-on-write pages counted once)`,
  );
}

try {
  await main();
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch (error) {
      console.error(`cleanup: ${error.message}`);
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}
