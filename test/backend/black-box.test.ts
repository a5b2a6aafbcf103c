/**
 * A generated app (full preset) from the outside: two uvicorn processes started with the
 * image's command and production settings, its own PostgreSQL (stopped and started by
 * this test), the shared Redis through a user limited to the app's prefix, and the S3 server.
 */
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApp, PRESET_FLAGS, scratchDir } from "../support/generate.js";
import { testServices } from "../support/services.js";
import { freePort, OwnPostgres } from "./support/own-postgres.js";
import { restrictedRedisUser, toolEnv, uv } from "./support/python.js";

const APP = `bk-bb-${crypto.randomBytes(2).toString("hex")}`;
// Characters that must be %-escaped in DATABASE_URL.
const DB_PASSWORD = "p@ss/w:rd%&x";
const LOGIN_LIMIT = 10;

interface Reply {
  status: number;
  text: string;
  body: unknown;
  headers: Headers;
}

/** Every body any request received, checked at the end for leaked internals. */
const bodies: string[] = [];

async function call(
  base: string,
  method: string,
  route: string,
  options: { json?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined || options.raw !== undefined) {
    headers["Content-Type"] = "application/json";
    body = options.raw ?? JSON.stringify(options.json);
  }
  const response = await fetch(`${base}${route}`, { method, headers, body });
  const text = await response.text();
  bodies.push(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, body: parsed, headers: response.headers };
}

function fieldLocations(reply: Reply): string[] {
  const detail = (reply.body as { detail: { loc: string[] }[] }).detail;
  return detail.map((error) => error.loc.join("."));
}

async function waitFor(check: () => Promise<boolean>, what: string, seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("generated backend from the outside", () => {
  const services = testServices();
  let appDir = "";
  let postgres: OwnPostgres;
  let redisUser: ReturnType<typeof restrictedRedisUser>;
  let env: NodeJS.ProcessEnv;
  const servers: { process: ChildProcess; base: string; output: string[] }[] = [];
  const bucket = `${APP}-uploads`;

  function python(code: string): void {
    const result = uv(["run", "--no-sync", "python", "-c", code], appDir, env);
    if (result.status !== 0) throw new Error(result.output);
  }

  const s3 = `import boto3; s3 = boto3.client("s3", endpoint_url="${services.s3.endpoint}", aws_access_key_id="${services.s3.accessKey}", aws_secret_access_key="${services.s3.secretKey}", region_name="${services.s3.region}")`;

  async function startServer(): Promise<void> {
    const port = await freePort();
    // The image's command (app/Dockerfile), on loopback.
    const child = spawn(
      path.join(appDir, ".venv", "bin", "uvicorn"),
      ["app.main:app", "--host", "127.0.0.1", "--port", String(port), "--no-proxy-headers", "--no-server-header"],
      { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    const server = { process: child, base: `http://127.0.0.1:${port}`, output: [] as string[] };
    child.stdout?.on("data", (chunk: Buffer) => server.output.push(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => server.output.push(chunk.toString()));
    servers.push(server);
    await waitFor(async () => (await fetch(`${server.base}/health`)).ok, `uvicorn on port ${port}:\n${server.output.join("")}`);
  }

  beforeAll(async () => {
    appDir = generateApp(scratchDir("backend-blackbox"), APP, PRESET_FLAGS.full, { git: false });
    const sync = uv(["sync", "--locked"], appDir);
    expect(sync.status, sync.output).toBe(0);
    postgres = await OwnPostgres.create(DB_PASSWORD, "bb_db");
    redisUser = restrictedRedisUser(services, APP);
    env = toolEnv({
      ENVIRONMENT: "production",
      APP_DOMAIN: "localhost",
      DATABASE_URL: `postgresql://postgres:${encodeURIComponent(DB_PASSWORD)}@127.0.0.1:${postgres.port}/bb_db`,
      REDIS_URL: redisUser.url,
      JWT_SECRET: crypto.randomBytes(32).toString("hex"),
      S3_ENDPOINT: services.s3.endpoint,
      S3_PUBLIC_ENDPOINT: services.s3.endpoint,
      S3_ACCESS_KEY: services.s3.accessKey,
      S3_SECRET_KEY: services.s3.secretKey,
      S3_REGION: services.s3.region,
      S3_BUCKET: bucket,
      LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
    });
    python(`${s3}; s3.create_bucket(Bucket="${bucket}")`);
    const migrate = uv(["run", "--no-sync", "python", "-m", "app.migrate"], appDir, env);
    expect(migrate.status, migrate.output).toBe(0);
    await startServer();
    await startServer();
  });

  afterAll(() => {
    for (const server of servers) server.process.kill("SIGTERM");
    postgres?.destroy();
    redisUser?.drop();
    if (appDir) {
      python(
        `${s3}; [s3.delete_object(Bucket="${bucket}", Key=o["Key"]) for o in s3.list_objects_v2(Bucket="${bucket}").get("Contents", [])]; s3.delete_bucket(Bucket="${bucket}")`,
      );
      fs.rmSync(path.dirname(appDir), { recursive: true, force: true });
    }
  });

  const a = (): string => servers[0]?.base ?? "";
  const b = (): string => servers[1]?.base ?? "";

  async function register(base: string): Promise<string> {
    const reply = await call(base, "POST", "/api/auth/register", {
      json: { email: `u-${crypto.randomBytes(4).toString("hex")}@example.com`, password: "long enough", display_name: "U" },
    });
    expect(reply.status, reply.text).toBe(201);
    return (reply.body as { access_token: string }).access_token;
  }

  it("answers /health with exactly the contract body and /ready with every check", async () => {
    const health = await call(a(), "GET", "/health");
    expect(health.status).toBe(200);
    expect(health.text).toBe('{"status":"ok"}');
    expect(health.headers.get("content-type")).toBe("application/json");
    const ready = await call(a(), "GET", "/ready");
    expect(ready.body).toEqual({ status: "ready", checks: { database: "ok", redis: "ok", storage: "ok" } });
  });

  it("refuses malformed JSON and bad fields with 422 and field errors", async () => {
    const malformed = await call(a(), "POST", "/api/auth/login", { raw: '{"email": "x@example.com",' });
    expect(malformed.status).toBe(422);
    expect((malformed.body as { detail: { type: string }[] }).detail[0]?.type).toBe("json_invalid");
    const bad = await call(a(), "POST", "/api/auth/register", { json: { email: "nope", password: "short", display_name: "" } });
    expect(bad.status).toBe(422);
    expect(fieldLocations(bad).sort()).toEqual(["body.display_name", "body.email", "body.password"]);
    const token = await register(a());
    const badNote = await call(a(), "POST", "/api/notes", { token, json: { title: "", body: 5 } });
    expect(badNote.status).toBe(422);
    expect(fieldLocations(badNote).sort()).toEqual(["body.body", "body.title"]);
  });

  it("needs a session (401) and hides other users' notes (404)", async () => {
    expect((await call(a(), "GET", "/api/notes")).status).toBe(401);
    expect((await call(a(), "GET", "/api/auth/me", { token: "forged.token.value" })).status).toBe(401);
    const owner = await register(a());
    const stranger = await register(b());
    const note = await call(a(), "POST", "/api/notes", { token: owner, json: { title: "Mine", body: "secret" } });
    expect(note.status).toBe(201);
    const id = (note.body as { id: number }).id;
    for (const [method, json] of [["GET", undefined], ["PATCH", { title: "x" }], ["DELETE", undefined]] as const) {
      expect((await call(b(), method, `/api/notes/${id}`, { token: stranger, json })).status).toBe(404);
    }
    expect((await call(b(), "GET", `/api/notes/${id}`, { token: owner })).status).toBe(200);
  });

  it("refuses oversized uploads and bodies with 413", async () => {
    const token = await register(a());
    const note = await call(a(), "POST", "/api/notes", { token, json: { title: "Files" } });
    const id = (note.body as { id: number }).id;
    const tooBig = await call(a(), "POST", `/api/notes/${id}/attachments`, {
      token,
      json: { filename: "big.pdf", content_type: "application/pdf", size: 10 * 1024 * 1024 + 1 },
    });
    expect(tooBig.status).toBe(413);
    const hugeBody = await call(a(), "POST", "/api/notes", { token, json: { title: "x", body: "y".repeat(200_000) } });
    expect(hugeBody.status).toBe(413);
  });

  it("rate-limits logins across two server processes", async () => {
    // Loopback is a trusted proxy by default, so X-Forwarded-For names the client.
    const client = { "X-Forwarded-For": `203.0.113.${crypto.randomInt(1, 250)}` };
    const attempt = { email: "nobody@example.com", password: "wrong password" };
    for (let i = 0; i < LOGIN_LIMIT; i += 1) {
      const reply = await call(i % 2 === 0 ? a() : b(), "POST", "/api/auth/login", { json: attempt, headers: client });
      expect(reply.status).toBe(401);
    }
    const limitedA = await call(a(), "POST", "/api/auth/login", { json: attempt, headers: client });
    const limitedB = await call(b(), "POST", "/api/auth/login", { json: attempt, headers: client });
    expect([limitedA.status, limitedB.status]).toEqual([429, 429]);
    expect(Number(limitedA.headers.get("retry-after"))).toBeGreaterThan(0);
    const spoofed = { "X-Forwarded-For": `${client["X-Forwarded-For"].replace("203.0.113", "198.51.100")}, ${client["X-Forwarded-For"]}` };
    expect((await call(b(), "POST", "/api/auth/login", { json: attempt, headers: spoofed })).status).toBe(429);
  });

  it("reports the database outage on /ready (503) while /health stays 200", async () => {
    const token = await register(a());
    postgres.stop();
    try {
      const ready = await call(a(), "GET", "/ready");
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: "unavailable", checks: { database: "error", redis: "ok", storage: "ok" } });
      const health = await call(a(), "GET", "/health");
      expect(health.status).toBe(200);
      expect(health.text).toBe('{"status":"ok"}');
      const notes = await call(a(), "GET", "/api/notes", { token });
      expect(notes.status).toBe(503);
      expect(notes.body).toEqual({ detail: "Service temporarily unavailable" });
    } finally {
      postgres.start();
    }
    await waitFor(async () => (await call(a(), "GET", "/ready")).status === 200, "readiness after the database came back");
    expect((await call(a(), "GET", "/api/notes", { token })).status).toBe(200);
  });

  it("never sends a stack trace, and logs JSON lines with request ids", () => {
    expect(bodies.length).toBeGreaterThan(30);
    for (const body of bodies) {
      expect(body).not.toMatch(/Traceback|File "|psycopg|sqlalchemy/i);
    }
    const lines = servers.flatMap((server) => server.output.join("").split("\n")).filter((line) => line.startsWith("{"));
    const access = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.logger === "app.access");
    expect(access.length).toBeGreaterThan(10);
    expect(access.every((entry) => typeof entry.request_id === "string" && typeof entry.client_ip === "string")).toBe(true);
  });
});
