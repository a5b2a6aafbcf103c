/**
 * The generated deploy files of every feature combination, checked with the
 * real tools: `docker compose config` (Compose v2), `caddy validate` against
 * the platform's global Caddyfile and a running Caddy routing real requests,
 * shellcheck, hadolint; env.template against the backend's own settings, and
 * the scripts run for real.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresetName } from "../support/generate.js";
import { repoRoot } from "../support/paths.js";
import { FEATURE_PRESETS, filesUnder, generatePresetApps, PRESETS, runTool, tool } from "./infra-files-apps.js";

let apps: Map<PresetName, string>;

beforeAll(() => {
  apps = generatePresetApps("infra-files");
});

const appOf = (preset: PresetName) => apps.get(preset) as string;
const featuresOf = (preset: PresetName) =>
  (JSON.parse(fs.readFileSync(path.join(appOf(preset), "towlion.json"), "utf8")) as { features: Record<string, boolean> }).features;
const nameOf = (preset: PresetName) => `app-${preset}`;

type Service = Record<string, unknown> & {
  deploy?: { resources?: { limits?: Record<string, unknown> } };
  logging?: { driver?: string; options?: Record<string, string> };
  networks?: Record<string, { aliases?: string[] } | null>;
};
interface ComposeModel {
  services: Record<string, Service>;
  networks?: Record<string, { external?: boolean; name?: string }>;
  configs?: Record<string, { content?: string }>;
}

function composeConfig(dir: string, args: string[], env: Record<string, string>): ComposeModel {
  const result = runTool(tool("docker-compose"), [...args, "config", "--format", "json"], { cwd: dir, env });
  expect(result.status, result.output).toBe(0);
  return JSON.parse(result.output.slice(result.output.indexOf("{"))) as ComposeModel;
}

/** The variables the deploy command writes into the project's .env, with a credentials file like provision-app's. */
function sharedServerEnv(preset: PresetName): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(appOf(preset), ".deploy-env-"));
  const app = nameOf(preset);
  const snake = app.replace(/-/g, "_");
  fs.writeFileSync(
    path.join(dir, "credentials.env"),
    `DATABASE_URL=postgresql://${snake}_user:${"a".repeat(48)}@postgres:5432/${snake}_db\nREDIS_URL=redis://${app}:${"b".repeat(48)}@redis:6379/0\nREDIS_KEY_PREFIX=${app}:\nS3_ENDPOINT=http://minio:9000\nS3_BUCKET=${app}-uploads\nS3_ACCESS_KEY=${app}\nS3_SECRET_KEY=${"c".repeat(48)}\nS3_REGION=us-east-1\n`,
  );
  fs.writeFileSync(path.join(dir, "app.env"), `JWT_SECRET=${"d".repeat(64)}\n`);
  return {
    APP_IMAGE: `ghcr.io/acme/${app}/app:abc`,
    FRONTEND_IMAGE: `ghcr.io/acme/${app}/frontend:abc`,
    APP_DOMAIN: `${app}.example.com`,
    TOWLION_APP: app,
    TOWLION_INSTANCE: `${app}-blue`,
    TOWLION_CREDENTIALS_FILE: path.join(dir, "credentials.env"),
    TOWLION_SETTINGS_FILE: path.join(dir, "app.env"),
  };
}

function standaloneEnv(preset: PresetName): string {
  const result = runTool(path.join(appOf(preset), "scripts", "standalone-env.sh"), ["app.example.com", "ops@example.com"]);
  expect(result.status, result.output).toBe(0);
  const file = path.join(appOf(preset), "deploy", ".env.standalone");
  fs.writeFileSync(file, result.output, { mode: 0o600 });
  return file;
}

describe.each(FEATURE_PRESETS)("deploy/docker-compose.yml of the %s preset", (preset) => {
  let model: ComposeModel;
  beforeAll(() => {
    model = composeConfig(path.join(appOf(preset), "deploy"), ["-f", "docker-compose.yml", "--profile", "*"], sharedServerEnv(preset));
  });

  it("has exactly the services its features need", () => {
    const features = featuresOf(preset);
    const expected = ["app", "migrate", ...(features.worker ? ["beat", "worker"] : []), ...(features.frontend ? ["frontend"] : [])];
    expect(Object.keys(model.services).sort()).toEqual(expected.sort());
    expect(model.services.migrate?.profiles).toEqual(["migrate"]);
    if (features.worker) expect(model.services.beat?.profiles).toEqual(["beat"]);
    for (const name of ["app", "worker", "frontend"]) expect(model.services[name]?.profiles, name).toBeUndefined();
  });

  it("hardens every service: read-only root, tmpfs /tmp, no privileges, limits, rotated logs, no published port", () => {
    for (const [name, service] of Object.entries(model.services)) {
      expect(service.read_only, name).toBe(true);
      expect(service.tmpfs, name).toEqual(["/tmp:size=64m,mode=1777"]);
      expect(service.cap_drop, name).toEqual(["ALL"]);
      expect(service.security_opt, name).toEqual(["no-new-privileges:true"]);
      expect(Object.keys(service.deploy?.resources?.limits ?? {}).sort(), name).toEqual(["cpus", "memory", "pids"]);
      expect(service.logging?.driver, name).toBe("json-file");
      expect(service.logging?.options?.["max-size"], name).toBe("10m");
      expect(service.ports, name).toBeUndefined();
      expect(service.volumes, name).toBeUndefined();
      expect(Object.keys(service.networks ?? {}), name).toEqual(["towlion"]);
    }
    expect(model.networks).toEqual({ towlion: { name: "towlion", external: true, ipam: {} } });
  });

  it("takes images from variables and gives Caddy per-colour host names", () => {
    const app = nameOf(preset);
    for (const [name, service] of Object.entries(model.services)) {
      expect(service.image, name).toBe(name === "frontend" ? `ghcr.io/acme/${app}/frontend:abc` : `ghcr.io/acme/${app}/app:abc`);
    }
    expect(model.services.app?.networks?.towlion?.aliases).toEqual([`${app}-blue-app`]);
    if (model.services.frontend) {
      expect(model.services.frontend.networks?.towlion?.aliases).toEqual([`${app}-blue-frontend`]);
      expect((model.services.frontend.environment as Record<string, string>).BACKEND_INTERNAL_URL).toBe(`http://${app}-blue-app:8000`);
    }
  });

  it("checks health, gives workers a warm shutdown and hands the app its credentials", () => {
    for (const name of ["app", "worker", "beat", "frontend"]) {
      const service = model.services[name];
      if (!service) continue;
      expect((service.healthcheck as { test?: string[] }).test?.[0], name).toBe("CMD");
    }
    expect((model.services.migrate?.healthcheck as { disable?: boolean }).disable).toBe(true);
    if (model.services.worker) expect(model.services.worker.stop_grace_period).toBe("3m0s");
    const env = model.services.app?.environment as Record<string, string>;
    expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/app_\w+_user:a{48}@postgres:5432\/app_\w+_db$/);
    expect(env.JWT_SECRET).toBe("d".repeat(64));
    expect(env.APP_DOMAIN).toBe(`${nameOf(preset)}.example.com`);
  });

  it("adds beat to a project only with COMPOSE_PROFILES=beat (the live colour's .env), never migrate", () => {
    const dir = path.join(appOf(preset), "deploy");
    const services = (extra: Record<string, string>) =>
      runTool(tool("docker-compose"), ["-f", "docker-compose.yml", "config", "--services"], { cwd: dir, env: { ...sharedServerEnv(preset), ...extra } })
        .output.split("\n")
        .filter(Boolean)
        .sort();
    const base = ["app", ...(featuresOf(preset).frontend ? ["frontend"] : []), ...(featuresOf(preset).worker ? ["worker"] : [])].sort();
    expect(services({})).toEqual(base);
    expect(services({ COMPOSE_PROFILES: "beat" })).toEqual(featuresOf(preset).worker ? [...base, "beat"].sort() : base);
  });

  it("refuses to start without the deploy's variables, naming them", () => {
    const result = runTool(tool("docker-compose"), ["-f", "docker-compose.yml", "config", "--quiet"], { cwd: path.join(appOf(preset), "deploy") });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/required variable \w+ is missing a value: set \w+/);
  });
});

describe.each(FEATURE_PRESETS)("deploy/docker-compose.standalone.yml of the %s preset", (preset) => {
  let model: ComposeModel;
  beforeAll(() => {
    const envFile = standaloneEnv(preset);
    model = composeConfig(path.join(appOf(preset), "deploy"), ["--env-file", envFile, "-f", "docker-compose.standalone.yml"], {});
  });

  it("publishes only Caddy's ports, and limits every service", () => {
    for (const [name, service] of Object.entries(model.services)) {
      if (name === "caddy") expect((service.ports as { published: string }[]).map((p) => p.published).sort()).toEqual(["443", "443", "80"]);
      else expect(service.ports, name).toBeUndefined();
      expect(Object.keys(service.deploy?.resources?.limits ?? {}).sort(), name).toEqual(["cpus", "memory", "pids"]);
    }
  });

  it("runs migrations once, before the app starts, and the platform's pinned images", () => {
    const features = featuresOf(preset);
    expect(model.services.migrate?.command).toEqual(["python", "-m", "app.migrate"]);
    expect(model.services.migrate?.restart).toBe("no");
    const dependsOn = model.services.app?.depends_on as Record<string, { condition: string }>;
    expect(dependsOn.migrate?.condition).toBe("service_completed_successfully");
    if (features.storage) expect(dependsOn.bucket?.condition).toBe("service_completed_successfully");
    expect(model.services.postgres?.image).toBe("postgres:16.10-bookworm");
    expect(model.services.redis?.image).toBe("redis:7.2.11-bookworm");
    expect(model.services.caddy?.image).toBe("caddy:2.10.2");
    if (features.storage) expect(model.services.minio?.image).toBe("versity/versitygw:v1.8.0");
    else expect(model.services.minio).toBeUndefined();
    expect(Boolean(model.services.frontend)).toBe(features.frontend);
    expect(Boolean(model.services.worker)).toBe(features.worker);
  });

  it("connects the app as its own role, never as the superuser", () => {
    const env = model.services.app?.environment as Record<string, string>;
    const user = decodeURIComponent(new URL(env.DATABASE_URL as string).username);
    expect(user).toBe(`${nameOf(preset).replace(/-/g, "_")}_user`);
    expect(model.configs?.["postgres-init"]?.content).toContain(`CREATE ROLE ${user} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
  });

  it("gets strong, distinct secrets from scripts/standalone-env.sh", () => {
    const text = fs.readFileSync(path.join(appOf(preset), "deploy", ".env.standalone"), "utf8");
    const secrets = [...text.matchAll(/^(\w*(?:PASSWORD|SECRET|KEY)\w*)=(.*)$/gm)].map((m) => m[2] as string);
    expect(secrets.length).toBe(6);
    for (const secret of secrets) expect(secret).toMatch(/^[0-9a-f]{20,}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});

describe("scripts/standalone-env.sh", () => {
  it.each([[["app.example.com"]], [["app", "ops@example.com"]], [["app.example.com", "not-an-email"]]])("refuses %j with exit 2", (args) => {
    const result = runTool(path.join(appOf("full"), "scripts", "standalone-env.sh"), args);
    expect(result.status).toBe(2);
  });
});

describe.each(FEATURE_PRESETS)("deploy/Caddyfile of the %s preset", (preset) => {
  const caddyEnv = (extra: Record<string, string> = {}) => ({
    HOME: path.join(appOf(preset), ".caddy-home"),
    XDG_DATA_HOME: path.join(appOf(preset), ".caddy-home"),
    XDG_CONFIG_HOME: path.join(appOf(preset), ".caddy-home"),
    TOWLION_ACME_EMAIL: "ops@example.com",
    ...extra,
  });

  it("passes caddy validate, imported by the platform's global Caddyfile", () => {
    const result = runTool(
      tool("caddy"),
      ["validate", "--config", path.join(repoRoot, "platform", "caddy", "Caddyfile"), "--adapter", "caddyfile"],
      { env: caddyEnv({ TOWLION_CADDY_SITES_GLOB: path.join(appOf(preset), "deploy", "Caddyfile"), APP_DOMAIN: "app.example.com" }) },
    );
    expect(result.output).toMatch(/Valid configuration/);
    expect(result.status).toBe(0);
  });

  it("passes caddy validate in the standalone setup", () => {
    const global = path.join(appOf(preset), "deploy", "standalone.Caddyfile");
    const copy = path.join(appOf(preset), "deploy", ".standalone-test.Caddyfile");
    fs.writeFileSync(copy, fs.readFileSync(global, "utf8").replace("/etc/caddy/app.caddy", path.join(appOf(preset), "deploy", "Caddyfile")));
    const result = runTool(tool("caddy"), ["validate", "--config", copy, "--adapter", "caddyfile"], {
      env: caddyEnv({ APP_DOMAIN: "app.example.com", ACME_EMAIL: "ops@example.com" }),
    });
    expect(result.output).toMatch(/Valid configuration/);
    expect(result.status).toBe(0);
  });
});

/** A loopback HTTP server that says who it is and what it received. */
async function upstream(name: string): Promise<{ address: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ upstream: name, host: req.headers.host, url: req.url }));
  });
  server.on("upgrade", (req, socket) => {
    socket.end(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Upstream: ${name}\r\n\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function request(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: urlPath, headers: { host: "app.test", ...headers } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: "" });
    });
    req.on("error", reject);
    req.end();
  });
}

describe.each(["full", "minimal"] as const)("a running Caddy with the %s preset's site", (preset) => {
  let caddy: ReturnType<typeof spawn>;
  let port: number;
  const servers: { close: () => Promise<void> }[] = [];
  const bucket = `app-${preset}-uploads`;

  beforeAll(async () => {
    const [backend, frontend, storage] = await Promise.all([upstream("backend"), upstream("frontend"), upstream("storage")]);
    servers.push(backend, frontend, storage);
    port = await freePort();
    const home = path.join(appOf(preset), ".caddy-run");
    fs.mkdirSync(home, { recursive: true });
    caddy = spawn(tool("caddy"), ["run", "--config", path.join(repoRoot, "platform", "caddy", "Caddyfile"), "--adapter", "caddyfile"], {
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: home,
        XDG_CONFIG_HOME: home,
        TOWLION_ACME_EMAIL: "ops@example.com",
        TOWLION_CADDY_HTTP_PORT: String(port),
        TOWLION_CADDY_HTTPS_PORT: String(await freePort()),
        TOWLION_CADDY_ADMIN: `127.0.0.1:${await freePort()}`,
        TOWLION_CADDY_SITES_GLOB: path.join(appOf(preset), "deploy", "Caddyfile"),
        APP_DOMAIN: "http://app.test",
        APP_UPSTREAM: backend.address,
        FRONTEND_UPSTREAM: frontend.address,
        S3_UPSTREAM: storage.address,
      },
      stdio: "ignore",
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await request(port, "/health");
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });

  afterAll(async () => {
    caddy?.kill("SIGTERM");
    await Promise.all(servers.map((s) => s.close()));
  });

  it.each([
    ["/api/notes?page=2", "backend"],
    ["/api", "backend"],
    ["/health", "backend"],
    ["/ready", "backend"],
    ["/api/openapi.json", "backend"],
    ["/", preset === "full" ? "frontend" : "backend"],
    ["/sign-in", preset === "full" ? "frontend" : "backend"],
    ["/apis", preset === "full" ? "frontend" : "backend"],
    ["/healthz", preset === "full" ? "frontend" : "backend"],
  ])("routes %s to the %s", async (urlPath, expected) => {
    const response = await request(port, urlPath);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ upstream: expected, url: urlPath });
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers.server).toBeUndefined();
  });

  it("routes the bucket to the object store with the original Host header (presigned URLs stay valid)", async () => {
    const response = await request(port, `/${bucket}/notes/1/file.pdf?X-Amz-Signature=abc`);
    if (preset === "full") {
      expect(JSON.parse(response.body)).toEqual({ upstream: "storage", host: "app.test", url: `/${bucket}/notes/1/file.pdf?X-Amz-Signature=abc` });
    } else {
      expect(JSON.parse(response.body).upstream).toBe("backend");
    }
  });

  it("passes WebSocket upgrades under /api to the backend", async () => {
    const response = await request(port, "/api/ws", { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" });
    expect(response.status).toBe(101);
    expect(response.headers["x-upstream"]).toBe("backend");
  });
});

describe("shell scripts and Dockerfiles", () => {
  it.each(FEATURE_PRESETS)("scripts of the %s preset pass shellcheck", (preset) => {
    const scripts = fs.readdirSync(path.join(appOf(preset), "scripts")).map((f) => path.join("scripts", f));
    expect(scripts).toContain(path.join("scripts", "health-check.sh"));
    const result = runTool(tool("shellcheck"), ["--severity=style", ...scripts], { cwd: appOf(preset) });
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
    for (const script of scripts) expect(fs.statSync(path.join(appOf(preset), script)).mode & 0o111, script).toBe(0o111);
  });

  it.each(["app/Dockerfile", "frontend/Dockerfile"])("%s passes hadolint (warnings and errors fail)", (dockerfile) => {
    const result = runTool(tool("hadolint"), ["--failure-threshold", "warning", dockerfile], { cwd: appOf("full") });
    expect(result.status, result.output).toBe(0);
  });

  it("the backend image carries the release's deploy files", () => {
    const dockerfile = fs.readFileSync(path.join(appOf("full"), "app", "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/^COPY deploy\/docker-compose\.yml deploy\/Caddyfile \/opt\/app\/deploy\/$/m);
  });
});

describe.each(PRESETS)("deploy/env.template of the %s preset", (preset) => {
  const template = () => fs.readFileSync(path.join(appOf(preset), "deploy", "env.template"), "utf8");
  const keys = () => [...template().matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => ({ key: m[1] as string, value: m[2] as string }));

  it("documents every setting the backend reads, and nothing it does not", () => {
    const settings = fs.readFileSync(path.join(appOf(preset), "app", "settings.py"), "utf8");
    const body = settings.slice(settings.indexOf("class Settings("), settings.indexOf("\n\ndef ", settings.indexOf("class Settings(")));
    const fields = [...body.matchAll(/^ {4}([a-z][a-z0-9_]*): /gm)].map((m) => (m[1] as string).toUpperCase()).filter((f) => f !== "MODEL_CONFIG");
    expect(fields.length).toBeGreaterThan(10);
    const documented = keys().map((k) => k.key);
    expect(documented.filter((k) => k !== "BACKEND_INTERNAL_URL").sort()).toEqual([...fields].sort());
    expect(documented.includes("BACKEND_INTERNAL_URL")).toBe(featuresOf(preset).frontend);
  });

  it("explains each variable and holds no real secret", () => {
    const lines = template().split("\n");
    lines.forEach((line, index) => {
      if (!/^[A-Z]/.test(line)) return;
      let above = index - 1;
      while (above >= 0 && /^[A-Z]/.test(lines[above] as string)) above -= 1;
      expect(lines[above], `comment above ${line}`).toMatch(/^#/);
    });
    for (const { key, value } of keys()) {
      if (/(SECRET|PASSWORD|_KEY)$/.test(key)) expect(value, key).toMatch(/^(<[^>]+>)?$/);
    }
  });
});

describe("scripts/health-check.sh", () => {
  let server: http.Server;
  let base: string;
  let healthyAfter = 0;
  const script = () => path.join(appOf("minimal"), "scripts", "health-check.sh");

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/health" && Date.now() >= healthyAfter) res.end('{"status":"ok"}');
      else if (req.url === "/wrong") res.end('{"status":"degraded"}');
      else if (req.url === "/ready") res.end('{"status":"ready"}');
      else {
        res.statusCode = 503;
        res.end('{"status":"unavailable"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Runs the script without blocking the event loop (the server lives in this process). */
  function check(args: string[]): Promise<{ status: number; stdout: string; stderr: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn(script(), args, { env: { ...process.env, HEALTH_CHECK_INTERVAL: "1", APP_DOMAIN: "" } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr, ms: Date.now() - started }));
    });
  }

  it("exits 0 as soon as /health answers exactly {\"status\":\"ok\"}", async () => {
    const result = await check([`${base}/health`, "5"]);
    expect(result).toMatchObject({ status: 0, stdout: `healthy: ${base}/health\n` });
  });

  it("keeps polling until the endpoint comes up", async () => {
    healthyAfter = Date.now() + 1500;
    const result = await check([`${base}/health`, "10"]);
    expect(result.status).toBe(0);
    expect(result.ms).toBeGreaterThanOrEqual(1400);
  });

  it("accepts any 200 from another endpoint such as /ready", async () => {
    expect((await check([`${base}/ready`, "3"])).status).toBe(0);
  });

  it("exits 1 after the timeout with the last answer", async () => {
    const result = await check([`${base}/down`, "2"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${base}/down is not healthy after 2s; last answer: HTTP 503: {"status":"unavailable"}`);
    expect(result.ms).toBeLessThan(6000);
  });

  it("exits 1 when nothing listens", async () => {
    const result = await check(["http://127.0.0.1:9/health", "1"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/is not healthy after 1s; last answer: curl: \(7\)/);
  });

  it.each([[["ftp://x/health"]], [["http://127.0.0.1:9/health", "soon"]], [["a", "1", "extra"]]])("exits 2 on bad usage %j", async (args) => {
    expect((await check(args)).status).toBe(2);
  });
});

describe("without the frontend feature", () => {
  it.each(FEATURE_PRESETS.filter((p) => p === "api" || p === "minimal"))("nothing in the %s preset's deploy files, scripts, workflows or deploy docs mentions it", (preset) => {
    const app = appOf(preset);
    expect(featuresOf(preset).frontend).toBe(false);
    for (const folder of ["deploy", "scripts", ".github"]) {
      for (const file of filesUnder(path.join(app, folder))) {
        if (file.startsWith(".")) continue; // test scratch files
        expect(fs.readFileSync(path.join(app, folder, file), "utf8"), `${folder}/${file}`).not.toMatch(/frontend/i);
      }
    }
    const readme = fs.readFileSync(path.join(app, "README.md"), "utf8");
    expect(readme.slice(readme.indexOf("## Deploying"))).not.toMatch(/frontend/i);
  });
});
