/**
 * A release brings its own Compose file and Caddy site, and the deploy runs
 * them as root: whatever would reach beyond the app (host files, ports,
 * privileges, other images or networks, the platform's secrets, another host
 * name, Caddy's admin API or files) is refused before anything starts. Each
 * case tampers with the generated files of the full preset and runs the real
 * deploy command (Compose's and Caddy's own parsers, with stand-in docker).
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { DeployHarness } from "./deploy-harness.js";
import { generatePresetApps } from "./infra-files-apps.js";

let harness: DeployHarness;
let original: { compose: string; caddyfile: string };
let platformSecrets: string;

beforeAll(() => {
  const app = generatePresetApps("deploy-policy", ["full"]).get("full") as string;
  harness = new DeployHarness("policy");
  harness.useRelease(path.join(app, "deploy"));
  harness.provision("shop");
  original = {
    compose: fs.readFileSync(path.join(app, "deploy", "docker-compose.yml"), "utf8"),
    caddyfile: fs.readFileSync(path.join(app, "deploy", "Caddyfile"), "utf8"),
  };
  platformSecrets = path.join(harness.root, "platform.env");
  fs.writeFileSync(platformSecrets, "PGPASSWORD=superuser-secret\n", { mode: 0o600 });
});

type Compose = { services: Record<string, Record<string, unknown>>; [key: string]: unknown };

function release(compose: string, caddyfile: string): void {
  fs.writeFileSync(path.join(harness.fixtures, "release", "docker-compose.yml"), compose);
  fs.writeFileSync(path.join(harness.fixtures, "release", "Caddyfile"), caddyfile);
}

function tamperCompose(change: (c: Compose) => void): string {
  const compose = parseYaml(original.compose, { merge: true }) as Compose;
  change(compose);
  return stringifyYaml(compose);
}

function deployRefused(message: RegExp | string, env: Record<string, string> = {}) {
  harness.clearCalls();
  const result = harness.run(["deploy", "shop", "bad1", "--repo", "ghcr.io/acme/shop", "--domain", "shop.example.com"], { env });
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).toMatch(message);
  const changes = harness.calls().filter((c) => / (up|run) |caddy-site install/.test(c));
  expect(changes).toEqual([]);
  expect(result.stdout + result.stderr).not.toContain("superuser-secret");
}

describe("the generated files pass the policy", () => {
  it("deploys the full preset unchanged", () => {
    release(original.compose, original.caddyfile);
    const result = harness.run(["deploy", "shop", "good1", "--repo", "ghcr.io/acme/shop", "--domain", "shop.example.com"]);
    expect(result.stderr).not.toMatch(/not allowed|error/);
    expect(result.status).toBe(0);
  });
});

describe("a Compose file is refused when it", () => {
  const app = (c: Compose) => c.services.app as Record<string, unknown>;
  it.each<[string, (c: Compose) => void, RegExp]>([
    ["publishes a port", (c) => (app(c).ports = ["8000:8000"]), /service 'app': 'ports' is not allowed on a shared server/],
    ["mounts the host", (c) => (app(c).volumes = ["/:/host"]), /service 'app': 'volumes' is not allowed/],
    ["is privileged", (c) => (app(c).privileged = true), /service 'app': 'privileged' is not allowed/],
    ["adds capabilities", (c) => (app(c).cap_add = ["SYS_ADMIN"]), /service 'app': 'cap_add' is not allowed/],
    ["uses the host network", (c) => {
      delete app(c).networks;
      app(c).network_mode = "host";
    }, /service 'app': 'network_mode' is not allowed/],
    ["turns off seccomp", (c) => (app(c).security_opt = ["seccomp:unconfined"]), /security_opt 'seccomp:unconfined' is not allowed/],
    ["ships logs elsewhere", (c) => (app(c).logging = { driver: "syslog" }), /logging driver 'syslog' is not allowed/],
    ["runs an image of its own choosing", (c) => (c.services.extra = { image: "alpine:3", command: ["sleep", "1"] }), /service 'extra': image 'alpine:3' is not one of this release's images/],
    ["joins another network", (c) => {
      app(c).networks = ["other"];
      c.networks = { ...(c.networks as object), other: {} };
    }, /network 'other' is not allowed/],
    ["mounts a volume bound to the host", (c) => {
      c.volumes = { data: { driver_opts: { type: "none", o: "bind", device: "/" } } };
      app(c).volumes = ["data:/data"];
    }, /top-level 'volumes' is not allowed/],
    ["reads a host file as a config", (c) => {
      c.configs = { x: { file: "/etc/shadow" } };
      app(c).configs = ["x"];
    }, /service 'app': 'configs' is not allowed/],
  ])("%s", (_name, change, message) => {
    release(tamperCompose(change), original.caddyfile);
    deployRefused(message);
  });

  it("reads another env file (the platform's settings) into the app", () => {
    release(tamperCompose((c) => (c.services.app as { env_file: string[] }).env_file.push(platformSecrets)), original.caddyfile);
    deployRefused(/service 'app': variable PGPASSWORD comes from a file other than the app's own env files/);
  });

  it("interpolates a platform secret (the deploy's environment is not visible to Compose)", () => {
    release(tamperCompose((c) => ((c.services.app as { environment: Record<string, string> }).environment.LEAK = "${PGPASSWORD:?not visible}")), original.caddyfile);
    deployRefused(/required variable PGPASSWORD is missing a value: not visible/, { PGPASSWORD: "superuser-secret" });
  });
});

describe("a Caddy site is refused when it", () => {
  // Adds lines to the generated site, after its import.
  const site = (extra: string) => (caddyfile: string) =>
    caddyfile.replace("\timport security_headers\n", `\timport security_headers\n${extra}\n`);
  it.each<[string, (caddyfile: string) => string, RegExp]>([
    ["imports another file", site("\timport /etc/caddy/Caddyfile"), /may import only security_headers, not '\?import \/etc\/caddy\/Caddyfile'/],
    ["reads Caddy's files", site('\trespond /k "{file./data/caddy/certificates/key}"'), /placeholders reading Caddy's environment or files are not allowed/],
    ["reads Caddy's environment", site('\theader X-Mail "{env.TOWLION_ACME_EMAIL}"'), /placeholders reading Caddy's environment or files are not allowed/],
    ["uses a placeholder the platform does not fill", site("\theader X-A {$TOWLION_HSTS}"), /uses a placeholder the platform does not fill in/],
    ["serves files", site("\thandle_path /files/* {\n\t\troot * /\n\t\tfile_server\n\t}"), /directive 'file_server' is not allowed in an app's site/],
    ["proxies to Caddy's admin API", site("\thandle /admin/* {\n\t\treverse_proxy localhost:2019\n\t}"), /reverse_proxy to 'localhost:2019' is not allowed/],
    ["proxies to another app", site("\thandle /x/* {\n\t\treverse_proxy blog-blue-app:8000\n\t}"), /reverse_proxy to 'blog-blue-app:8000' is not allowed/],
    ["writes logs to files", site("\tlog {\n\t\toutput file /etc/cron.d/evil\n\t}"), /'logging' is not allowed in an app's site/],
    ["claims another host name", (c) => `${c}\nblog.example.com {\n\treverse_proxy {$APP_UPSTREAM:app:8000}\n}\n`, /every site block must be for shop\.example\.com alone/],
    ["changes TLS", site("\ttls internal"), /the 'tls' app is not allowed/],
    ["is not valid Caddy configuration", site("\tno_such_directive on"), /the release's Caddyfile is not valid Caddy configuration/],
  ])("%s", (_name, change, message) => {
    release(original.compose, change(original.caddyfile));
    deployRefused(message);
  });
});
