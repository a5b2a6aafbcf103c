/**
 * The order of a blue/green deploy, on the generated deploy files of real
 * presets, with docker and caddy-site as recording stand-ins (deploy-harness.ts):
 * migrations before the new colour starts, readiness before the switch, the
 * switch before the old colour stops, beat stopped before it starts again,
 * rollbacks without migrations, failures that leave the live release alone,
 * previews with their own provisioned app. Against a real engine this runs in
 * the system test.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PresetName } from "../support/generate.js";
import { DeployHarness } from "./deploy-harness.js";
import { generatePresetApps } from "./infra-files-apps.js";

let apps: Map<PresetName, string>;

beforeAll(() => {
  apps = generatePresetApps("deploy-flow", ["full", "minimal"]);
});

function setUp(label: string, preset: PresetName): DeployHarness {
  const harness = new DeployHarness(label);
  harness.useRelease(path.join(apps.get(preset) as string, "deploy"));
  harness.provision("shop");
  harness.clearCalls();
  return harness;
}

const deploy = (tag: string, extra: string[] = []) => [
  "deploy", "shop", tag, "--repo", "ghcr.io/acme/shop", "--domain", "shop.example.com", ...extra,
];

/** The calls that change something, in order. */
function actions(harness: DeployHarness): string[] {
  return harness
    .calls()
    .filter((c) => /compose .* (up|down|run) |caddy-site (install|remove)|provision-app|image rm|docker pull|docker login/.test(c))
    .map((c) => c.replace(/ \/\S+\.caddy$/, ""));
}

function indexOf(list: string[], pattern: RegExp): number {
  const index = list.findIndex((line) => pattern.test(line));
  expect(index, `${pattern} in\n${list.join("\n")}`).toBeGreaterThanOrEqual(0);
  return index;
}

describe("a deploy of the full preset", () => {
  let harness: DeployHarness;
  beforeAll(() => {
    harness = setUp("full", "full");
  });

  it("first deploy: migrate, start blue, wait for /ready, install the site, start beat in blue", () => {
    const result = harness.run(deploy("aaa111"));
    expect(result.stderr).not.toMatch(/error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("deployed shop aaa111 (blue) at https://shop.example.com\n");
    expect(actions(harness)).toEqual([
      "docker compose -p shop-blue --profile migrate run --rm --no-deps -T migrate",
      "docker compose -p shop-blue up -d --no-build --pull never --remove-orphans",
      "caddy-site install shop",
      "docker compose -p shop-blue --profile beat up -d --no-build --pull never beat",
    ]);
    const calls = harness.calls();
    expect(calls).toContain('docker exec container-of-app python -c ' +
      "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/ready', timeout=3)");
    expect(indexOf(calls, /exec container-of-app/)).toBeLessThan(indexOf(calls, /caddy-site install/));
    expect(indexOf(calls, /exec container-of-frontend node/)).toBeLessThan(indexOf(calls, /caddy-site install/));
    expect(harness.state("shop")).toEqual({ live: "blue", tag: "aaa111", repo: "ghcr.io/acme/shop", domain: "shop.example.com", previous_tag: "" });
    expect(harness.leftovers()).toEqual([]);
  });

  it("renders the site for the live colour's containers and the platform's object store", () => {
    const site = harness.site("shop") as string;
    expect(site).toMatch(/^shop\.example\.com \{$/m);
    expect(site).toContain("reverse_proxy shop-blue-app:8000");
    expect(site).toContain("reverse_proxy shop-blue-frontend:3000");
    expect(site).toContain("reverse_proxy minio:9000");
    expect(site).not.toContain("{$");
  });

  it("writes the project's .env and a settings file with a generated JWT secret, both private", () => {
    const envFile = path.join(harness.data, "deploy", "shop", "blue", ".env");
    expect(fs.readFileSync(envFile, "utf8")).toContain("APP_IMAGE=ghcr.io/acme/shop/app:aaa111\nFRONTEND_IMAGE=ghcr.io/acme/shop/frontend:aaa111\n");
    expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
    const settings = path.join(harness.data, "apps", "shop", "app.env");
    expect(fs.readFileSync(settings, "utf8")).toMatch(/^JWT_SECRET=[0-9a-f]{64}$/m);
    expect(fs.statSync(settings).mode & 0o777).toBe(0o600);
  });

  it("second deploy: green starts beside blue; blue stops only after the switch; beat never runs twice", () => {
    harness.clearCalls();
    const result = harness.run(deploy("bbb222"));
    expect(result.status).toBe(0);
    const list = actions(harness);
    expect(list).toEqual([
      "docker compose -p shop-green --profile migrate run --rm --no-deps -T migrate",
      "docker compose -p shop-green up -d --no-build --pull never --remove-orphans",
      "caddy-site install shop",
      "docker compose -p shop-blue down --remove-orphans",
      "docker compose -p shop-green --profile beat up -d --no-build --pull never beat",
    ]);
    // Beat is part of the live colour from now on (stop, start, recreate include it).
    expect(fs.readFileSync(path.join(harness.data, "deploy", "shop", "green", ".env"), "utf8")).toMatch(/\nCOMPOSE_PROFILES=beat\n$/);
    expect(harness.site("shop")).toContain("reverse_proxy shop-green-app:8000");
    expect(harness.state("shop")).toMatchObject({ live: "green", tag: "bbb222", previous_tag: "aaa111" });
  });

  it("a failing migration changes nothing: no start, no switch, the live colour stays", () => {
    harness.clearCalls();
    harness.flag("migration-fails");
    const result = harness.run(deploy("ccc333"));
    harness.flag("migration-fails", false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("migrations failed (exit 3); nothing was switched");
    expect(result.stderr).toContain("the live release (shop bbb222, green) keeps serving");
    const list = actions(harness);
    expect(list.some((c) => / up |caddy-site|shop-green down/.test(c))).toBe(false);
    expect(list.at(-1)).toBe("docker compose -p shop-blue down --remove-orphans --timeout 10");
    expect(harness.state("shop")).toMatchObject({ live: "green", tag: "bbb222" });
    expect(harness.site("shop")).toContain("shop-green-app:8000");
    expect(harness.leftovers()).toEqual([]);
  });

  it("a release that never gets ready is removed again after the timeout; the live colour stays", () => {
    harness.clearCalls();
    harness.flag("not-ready");
    const result = harness.run(deploy("ddd444"), { env: { TOWLION_DEPLOY_READY_TIMEOUT: "2" } });
    harness.flag("not-ready", false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("the new release is not ready after 2s (/ready does not answer 200); nothing was switched");
    expect(result.stderr).toContain("--- last log lines of shop-blue ---");
    expect(actions(harness).some((c) => c.includes("caddy-site"))).toBe(false);
    expect(harness.state("shop")).toMatchObject({ live: "green", tag: "bbb222" });
  });

  it("a crashing container fails the deploy at once, without waiting for the timeout", () => {
    harness.flag("crashed");
    const started = Date.now();
    const result = harness.run(deploy("eee555"), { env: { TOWLION_DEPLOY_READY_TIMEOUT: "30" } });
    harness.flag("crashed", false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("the new app stopped (state restarting, exit code 1, restarts 3); nothing was switched");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("a site Caddy refuses leaves the live colour serving", () => {
    harness.clearCalls();
    harness.flag("site-fails");
    const result = harness.run(deploy("fff666"));
    harness.flag("site-fails", false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Caddy did not accept the new site of 'shop'");
    expect(actions(harness).at(-1)).toBe("docker compose -p shop-blue down --remove-orphans --timeout 10");
    expect(harness.state("shop")).toMatchObject({ live: "green", tag: "bbb222" });
  });

  it("a platform container that is not healthy stops the deploy before anything", () => {
    harness.clearCalls();
    harness.flag("platform-state", true, "running unhealthy\n");
    const result = harness.run(deploy("ggg777"));
    harness.flag("platform-state", false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("platform container towlion-caddy is not healthy (running unhealthy)");
    expect(actions(harness)).toEqual([]);
  });

  it("too little free disk space stops the deploy before anything", () => {
    harness.clearCalls();
    const result = harness.run(deploy("hhh888"), { env: { TOWLION_DEPLOY_MIN_FREE_MB: "999999999" } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/only \d+ MB free on .*, a deploy needs 999999999 MB/);
    expect(harness.calls()).toEqual([]);
  });

  it("rollback redeploys an earlier tag with the stored repository and domain, without migrations", () => {
    harness.clearCalls();
    const result = harness.run(["rollback", "shop", "aaa111"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("rolling shop back to aaa111 (migrations are not run)");
    const list = actions(harness);
    expect(list.some((c) => c.includes(" run "))).toBe(false);
    expect(list).toContain("docker compose -p shop-blue up -d --no-build --pull never --remove-orphans");
    expect(harness.state("shop")).toMatchObject({ live: "blue", tag: "aaa111", previous_tag: "bbb222" });
    const status = harness.run(["status", "shop"]);
    expect(status.stdout).toContain("recent: aaa111 bbb222 \n");
  });

  it("a rollback of an app never deployed is refused", () => {
    const result = harness.run(["rollback", "blog", "aaa111"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("app 'blog' has never been deployed here; there is nothing to roll back");
  });

  it("pulls a missing image with the registry token from stdin, in a temporary docker config removed afterwards", () => {
    harness.clearCalls();
    harness.flag("image-missing");
    const result = harness.run(deploy("iii999", ["--registry-user", "acme"]), { input: "ghs_token123\n" });
    harness.flag("image-missing", false);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(harness.fixtures, "login-stdin"), "utf8")).toBe("ghs_token123\n");
    const calls = harness.calls();
    expect(calls).toContain("docker login --username acme --password-stdin ghcr.io");
    expect(calls).toContain("docker pull --quiet ghcr.io/acme/shop/app:iii999");
    expect(calls.join("\n")).not.toContain("ghs_token123");
    const config = /login DOCKER_CONFIG=(\S+)/.exec(calls.join("\n"))?.[1] as string;
    expect(config).toMatch(/towlion-deploy\./);
    expect(fs.existsSync(config)).toBe(false);
    expect(result.stdout + result.stderr).not.toContain("ghs_token123");
  });

  it("without a token on stdin, --registry-user fails clearly", () => {
    harness.flag("image-missing");
    const result = harness.run(deploy("jjj000", ["--registry-user", "acme"]), { env: { TOWLION_DEPLOY_STDIN_TIMEOUT: "1" } });
    harness.flag("image-missing", false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--registry-user needs the registry password or token on stdin");
  });

  it("keeps the images of the last TOWLION_DEPLOY_KEEP_IMAGES deploys only", () => {
    harness.clearCalls();
    for (const tag of ["k1", "k2", "k3"]) expect(harness.run(deploy(tag), { env: { TOWLION_DEPLOY_KEEP_IMAGES: "2" } }).status).toBe(0);
    const removed = harness.calls().filter((c) => c.startsWith("docker image rm"));
    expect(removed).toContain("docker image rm ghcr.io/acme/shop/app:aaa111");
    expect(removed).toContain("docker image rm ghcr.io/acme/shop/frontend:k1");
    expect(removed.some((c) => c.endsWith(":k2") || c.endsWith(":k3"))).toBe(false);
    const history = fs.readFileSync(path.join(harness.data, "deploy", "shop", "history"), "utf8");
    expect(history).toBe("k2 ghcr.io/acme/shop\nk3 ghcr.io/acme/shop\n");
  });

  it("refuses an app that is not provisioned, before anything", () => {
    const result = harness.run(["deploy", "blog", "aaa", "--repo", "ghcr.io/acme/blog", "--domain", "blog.example.com"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("app 'blog' is not provisioned on this server");
  });
});

describe("a deploy of the minimal preset (no frontend, worker or storage)", () => {
  it("starts no frontend and no beat, and proxies everything to the backend", () => {
    const harness = setUp("minimal", "minimal");
    const result = harness.run(deploy("aaa111"));
    expect(result.status).toBe(0);
    expect(harness.calls().filter((c) => c.includes("frontend"))).toEqual([]);
    expect(actions(harness).filter((c) => c.includes("beat"))).toEqual([]);
    const site = harness.site("shop") as string;
    expect(site.match(/reverse_proxy shop-blue-app:8000/g)).toHaveLength(2);
    expect(site).not.toMatch(/frontend|minio/);
  });
});

describe("previews", () => {
  let harness: DeployHarness;
  beforeAll(() => {
    harness = setUp("previews", "full");
  });
  const preview = (pr: string) => ["preview", "shop", pr, `sha-pr${pr}`, "--repo", "ghcr.io/acme/shop", "--preview-domain", "preview.example.com"];

  it("provisions <app>-pr-<n> with its own credentials and serves it at pr-<n>.<preview domain>", () => {
    const result = harness.run(preview("7"));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("deployed shop-pr-7 sha-pr7 (blue) at https://pr-7.preview.example.com\n");
    expect(actions(harness)[0]).toBe("provision-app shop-pr-7");
    expect(harness.site("shop-pr-7")).toMatch(/^pr-7\.preview\.example\.com \{$/m);
    expect(harness.site("shop-pr-7")).toContain("reverse_proxy shop-pr-7-blue-app:8000");
    const env = fs.readFileSync(path.join(harness.data, "deploy", "shop-pr-7", "blue", ".env"), "utf8");
    expect(env).toContain(`TOWLION_CREDENTIALS_FILE=${path.join(harness.data, "apps", "shop-pr-7", "credentials.env")}`);
    expect(fs.readFileSync(path.join(harness.data, "apps", "shop-pr-7", "app.env"), "utf8")).toContain("EMAIL_PROVIDER=console");
  });

  it("a second push redeploys without provisioning again", () => {
    harness.clearCalls();
    expect(harness.run(preview("7")).status).toBe(0);
    expect(actions(harness).some((c) => c.startsWith("provision-app"))).toBe(false);
    expect(harness.state("shop-pr-7")).toMatchObject({ live: "green" });
  });

  it("stops at TOWLION_DEPLOY_PREVIEWS_MAX previews per app", () => {
    expect(harness.run(preview("8")).status).toBe(0);
    const result = harness.run(preview("9"), { env: { TOWLION_DEPLOY_PREVIEWS_MAX: "2" } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("app 'shop' already has 2 previews (TOWLION_DEPLOY_PREVIEWS_MAX=2)");
  });

  it("is refused for an app that is not provisioned", () => {
    const result = harness.run(["preview", "blog", "1", "sha", "--repo", "ghcr.io/acme/blog", "--preview-domain", "preview.example.com"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("app 'blog' is not provisioned on this server; previews are only made for provisioned apps");
  });

  it("preview-down removes containers, site, settings, provisioned data and state; again it is a no-op", () => {
    harness.clearCalls();
    const result = harness.run(["preview-down", "shop", "7"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("removed preview shop-pr-7\n");
    expect(actions(harness).join("\n")).toEqual([
      "docker compose -p shop-pr-7-blue --profile * down --remove-orphans",
      "docker compose -p shop-pr-7-green --profile * down --remove-orphans",
      "caddy-site remove shop-pr-7",
      "deprovision-app shop-pr-7 --yes",
      "docker image rm ghcr.io/acme/shop/app:sha-pr7 ghcr.io/acme/shop/frontend:sha-pr7",
    ].join("\n"));
    expect(fs.existsSync(path.join(harness.data, "deploy", "shop-pr-7"))).toBe(false);
    expect(fs.existsSync(path.join(harness.data, "apps", "shop-pr-7"))).toBe(false);
    expect(harness.run(["preview-down", "shop", "7"]).stdout).toBe("preview shop-pr-7 does not exist; nothing to remove\n");
  });

  it("preview-sweep removes the previews whose pull request is not open, and only those", () => {
    expect(harness.run(preview("11")).status).toBe(0);
    harness.clearCalls();
    const result = harness.run(["preview-sweep", "shop", "11", "12"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("removed preview shop-pr-8\n");
    expect(harness.site("shop-pr-8")).toBeUndefined();
    expect(harness.site("shop-pr-11")).toBeDefined();
    expect(harness.site("shop")).toBeUndefined(); // production has no site in this harness: never touched
    expect(harness.calls().some((c) => c.includes("shop-pr-11") || / shop$/.test(c))).toBe(false);
  });
});
