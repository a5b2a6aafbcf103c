/**
 * The global Caddyfile and caddy-site with the real Caddy: validation, a
 * running Caddy routing by host name with the security headers, and a broken
 * site file that never reaches it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, platformDir, run, runScript, scratchData } from "../support/platform-scripts.js";

const dir = scratchData("caddy");
const sites = path.join(dir, "sites");
const caddyfile = path.join(platformDir, "caddy", "Caddyfile");
let caddy: ChildProcess;
let caddyLog = "";
const upstreams: http.Server[] = [];
let env: NodeJS.ProcessEnv;
let httpPort = 0;

/** A tiny upstream app that names itself and sends its own Server header. */
async function upstream(name: string): Promise<number> {
  const server = http.createServer((_req, res) => {
    res.setHeader("Server", "upstream-server/1.0");
    res.setHeader("Content-Type", "text/plain");
    res.end(`hello from ${name} `.repeat(100));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  upstreams.push(server);
  return (server.address() as AddressInfo).port;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(host: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options = { host: "127.0.0.1", port: httpPort, path: "/", agent: false, headers: { Host: host, ...headers } };
    const req = http.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A site file in the shape every app's deploy/Caddyfile has. */
function siteFile(host: string, port: number): string {
  return `http://${host} {\n\timport security_headers\n\treverse_proxy 127.0.0.1:${port}\n}\n`;
}

function writeSource(name: string, content: string): string {
  const file = path.join(dir, `${name}.source`);
  fs.writeFileSync(file, content);
  return file;
}

beforeAll(async () => {
  fs.mkdirSync(sites, { recursive: true });
  httpPort = await freePort();
  const adminPort = await freePort();
  env = {
    ...process.env,
    TOWLION_ENV_FILE: path.join(dir, "none.env"),
    TOWLION_RUNTIME: "native",
    TOWLION_DATA: dir,
    TOWLION_CADDY_SITES: sites,
    TOWLION_CADDY_SITES_GLOB: `${sites}/*.caddy`,
    TOWLION_ACME_EMAIL: "ops@example.com",
    TOWLION_CADDY_HTTP_PORT: String(httpPort),
    TOWLION_CADDY_HTTPS_PORT: String(await freePort()),
    TOWLION_CADDY_ADMIN: `127.0.0.1:${adminPort}`,
    XDG_DATA_HOME: path.join(dir, "xdg-data"),
    XDG_CONFIG_HOME: path.join(dir, "xdg-config"),
  };
  caddy = spawn("caddy", ["run", "--config", caddyfile, "--adapter", "caddyfile"], { env, stdio: ["ignore", "pipe", "pipe"] });
  caddy.stderr?.on("data", (chunk: Buffer) => (caddyLog += chunk.toString()));
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${adminPort}/config/`).then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`caddy did not start:\n${caddyLog}`);
});

afterAll(async () => {
  caddy?.kill();
  for (const server of upstreams) server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("global Caddyfile", () => {
  it("passes caddy validate together with an app's site file", () => {
    const site = path.join(dir, "validate-sites");
    fs.mkdirSync(site, { recursive: true });
    fs.writeFileSync(path.join(site, "shop.caddy"), "shop.example.com {\n\timport security_headers\n\treverse_proxy shop-backend:8000\n}\n");
    const result = run("caddy", ["validate", "--config", caddyfile, "--adapter", "caddyfile"], {
      ...env,
      TOWLION_CADDY_SITES_GLOB: `${site}/*.caddy`,
    });
    expect(result.stdout + result.stderr).toMatch(/Valid configuration/);
    expect(result.status).toBe(0);
  });
});

describe("caddy-site and a running Caddy", () => {
  it("routes each host name to its own upstream with the security headers", async () => {
    const a = await upstream("app-a");
    const b = await upstream("app-b");
    expect(runScript("caddy-site", ["install", "app-a", writeSource("a", siteFile("app-a.test", a))], env).status).toBe(0);
    expect(runScript("caddy-site", ["install", "app-b", "-"], env, siteFile("app-b.test", b)).status).toBe(0);
    expect(runScript("caddy-site", ["list"], env).stdout).toBe("app-a\napp-b\n");

    const replyA = await get("app-a.test");
    expect(replyA.status).toBe(200);
    expect(replyA.body).toContain("hello from app-a");
    const replyB = await get("app-b.test");
    expect(replyB.body).toContain("hello from app-b");

    expect(replyA.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(replyA.headers["strict-transport-security"]).not.toMatch(/preload/);
    expect(replyA.headers["x-content-type-options"]).toBe("nosniff");
    expect(replyA.headers["x-frame-options"]).toBe("DENY");
    expect(replyA.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(replyA.headers["permissions-policy"]).toMatch(/camera=\(\)/);
    expect(replyA.headers.server).toBeUndefined();

    const compressed = await get("app-a.test", { "Accept-Encoding": "gzip" });
    expect(compressed.headers["content-encoding"]).toBe("gzip");
  });

  it("refuses a broken site file, and the running Caddy keeps serving", async () => {
    const before = fs.readdirSync(sites).sort();
    const broken = runScript("caddy-site", ["install", "app-c", writeSource("c", "http://app-c.test {\n\treverse_proxy {\n")], env);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/not valid Caddy configuration; nothing was changed/);

    // Replacing a working site with a broken one is refused the same way.
    const original = fs.readFileSync(path.join(sites, "app-a.caddy"), "utf8");
    const replace = runScript("caddy-site", ["install", "app-a", writeSource("a2", "http://app-a.test {\n\timport no_such_snippet\n}\n")], env);
    expect(replace.status).toBe(1);
    expect(fs.readFileSync(path.join(sites, "app-a.caddy"), "utf8")).toBe(original);

    // So is a site that claims another app's host name.
    const clash = runScript("caddy-site", ["install", "app-d", writeSource("d", siteFile("app-a.test", 9))], env);
    expect(clash.status).toBe(1);

    expect(fs.readdirSync(sites).sort()).toEqual(before); // no temporary or staging files left
    expect((await get("app-a.test")).body).toContain("hello from app-a");
    expect((await get("app-b.test")).body).toContain("hello from app-b");
  });

  it("removes a site, and refuses names that are not sites", async () => {
    expect(runScript("caddy-site", ["remove", "app-b"], env).status).toBe(0);
    expect((await get("app-b.test")).body).not.toContain("hello from app-b");
    expect((await get("app-a.test")).body).toContain("hello from app-a");
    const missing = runScript("caddy-site", ["remove", "app-b"], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no site file named 'app-b'/);
    expect(runScript("caddy-site", ["install", "../etc", writeSource("e", siteFile("e.test", 9))], env).status).toBe(2);
    expect(runScript("caddy-site", ["frobnicate"], env).status).toBe(2);
  });
});
