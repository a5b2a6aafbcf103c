/**
 * bootstrap in a disposable Debian 12 root (a chroot of a debootstrap
 * minbase), with only the commands that need a kernel, systemd, a Docker
 * daemon or package downloads stubbed (test/platform/bootstrap-stubs). Then
 * the Compose file is checked with the settings bootstrap generated.
 */
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, toolsBin } from "../support/paths.js";
import { platformDir, run } from "../support/platform-scripts.js";

// Under the repository's .tmp, not the system temp folder: a chroot needs the
// device nodes in its /dev to work, which a nodev tmpfs would refuse.
fs.mkdirSync(path.join(repoRoot, ".tmp"), { recursive: true });
const work = fs.mkdtempSync(path.join(repoRoot, ".tmp", "bootstrap-test-"));
const root = path.join(work, "root");
const stubs = path.join(repoRoot, "test", "platform", "bootstrap-stubs");
const deployKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRvd2xpb24tdGVzdC1rZXktbm90LXJlYWw ci@example";
const callsLog = path.join(root, "var", "lib", "towlion-stubs", "calls.log");
const outputs: string[] = [];

function bootstrap(extra: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const env = [
    "PATH=/towlion-stubs:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME=/root",
    "TOWLION_ACME_EMAIL=ops@example.com",
    `TOWLION_DEPLOY_AUTHORIZED_KEY=${deployKey}`,
    ...Object.entries(extra).map(([key, value]) => `${key}=${value}`),
  ];
  const result = spawnSync("chroot", [root, "/usr/bin/env", "-i", ...env, "bash", "/src/platform/bin/bootstrap"], {
    encoding: "utf8",
    timeout: 120_000,
  });
  outputs.push(result.stdout + result.stderr);
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Mode, owner and content hash of every file bootstrap may touch. */
function snapshot(): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = fs.lstatSync(full);
      const id = `${(stat.mode & 0o7777).toString(8)} ${stat.uid}:${stat.gid}`;
      if (stat.isDirectory()) {
        entries.set(full, `${id} dir`);
        walk(full);
      } else if (stat.isSymbolicLink()) {
        entries.set(full, `${id} -> ${fs.readlinkSync(full)}`);
      } else if (stat.isFile()) {
        entries.set(full, `${id} ${crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex")}`);
      }
    }
  };
  for (const dir of ["etc", "opt", "data", "home", "root", "usr/local"]) walk(path.join(root, dir));
  return entries;
}

function calls(): string[] {
  return fs.existsSync(callsLog) ? fs.readFileSync(callsLog, "utf8").split("\n").filter(Boolean) : [];
}

function settings(): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(path.join(root, "etc", "towlion", "platform.env"), "utf8")
      .split("\n")
      .filter((line) => line.includes("=") && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

let afterFirst: Map<string, string>;
let firstRun: ReturnType<typeof bootstrap>;

beforeAll(() => {
  const tarball = execFileSync(path.join(repoRoot, "scripts", "debian-rootfs.sh"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  fs.mkdirSync(root);
  execFileSync("tar", ["-xf", tarball, "-C", root]);
  fs.cpSync(stubs, path.join(root, "towlion-stubs"), { recursive: true });
  // age-keygen is a static binary: the real one runs inside the chroot.
  fs.copyFileSync("/usr/bin/age-keygen", path.join(root, "towlion-stubs", "age-keygen"));
  fs.chmodSync(path.join(root, "towlion-stubs", "age-keygen"), 0o755);
  fs.cpSync(platformDir, path.join(root, "src", "platform"), { recursive: true });
  firstRun = bootstrap();
  afterFirst = snapshot();
}, 900_000);

afterAll(() => {
  if (process.env.TOWLION_KEEP_TEST_ROOT !== "1") fs.rmSync(work, { recursive: true, force: true });
});

describe("bootstrap in a Debian 12 chroot", () => {
  it("sets up the server on the first run and never prints a secret", () => {
    expect(firstRun.stderr).not.toMatch(/error/i);
    expect(firstRun.status).toBe(0);
    expect(firstRun.stdout).toMatch(/^bootstrap: \d+ change\(s\) \(platform \d+\.\d+\.\d+\)$/m);
    const file = path.join(root, "etc", "towlion", "platform.env");
    const stat = fs.statSync(file);
    expect([stat.mode & 0o777, stat.uid]).toEqual([0o600, 0]);
    const values = settings();
    for (const key of ["PGPASSWORD", "TOWLION_REDIS_ADMIN_PASSWORD", "TOWLION_S3_ROOT_SECRET_KEY", "TOWLION_GRAFANA_ADMIN_PASSWORD"]) {
      expect(values[key]).toMatch(/^[0-9a-f]{32,}$/);
      expect(outputs.join("\n")).not.toContain(values[key]);
    }
    expect(values).toMatchObject({ TOWLION_RUNTIME: "docker", COMPOSE_PROFILES: "versitygw", TOWLION_ACME_EMAIL: "ops@example.com" });
  });

  it("changes nothing on the second run, and says so", () => {
    const second = bootstrap();
    expect(second.status).toBe(0);
    expect(second.stdout).not.toMatch(/^changed:/m);
    expect(second.stdout).toMatch(/^bootstrap: no changes/m);
    expect(snapshot()).toEqual(afterFirst);
    const log = calls();
    const secondRunCalls = log.slice(log.lastIndexOf("docker compose version"));
    expect(secondRunCalls.some((call) => /^apt-get |^systemctl (enable|restart|reload|daemon-reload)|^docker compose .* up /.test(call))).toBe(false);
  });

  it("installed packages, services and the stack once", () => {
    const log = calls();
    expect(log.filter((call) => call.startsWith("apt-get ") && call.includes(" install "))).toHaveLength(1);
    expect(log.find((call) => call.includes(" install "))).toMatch(/nftables .*fail2ban .*unattended-upgrades .*age rclone/);
    for (const unit of ["towlion-firewall.service", "towlion-backup.timer", "towlion-verify-backup.timer", "towlion-doctor.timer", "fail2ban.service"]) {
      expect(log).toContain(`systemctl enable --now ${unit}`);
    }
    expect(log.filter((call) => /^docker compose --env-file \/etc\/towlion\/platform\.env -f \/opt\/towlion\/platform\/docker-compose\.yml up -d/.test(call))).toHaveLength(1);
  });

  it("creates a deploy user who can run only the deploy entry point as root", () => {
    const passwd = fs.readFileSync(path.join(root, "etc", "passwd"), "utf8");
    expect(passwd).toMatch(/^deploy:x:\d+:\d+::\/home\/deploy:\/bin\/bash$/m);
    const group = fs.readFileSync(path.join(root, "etc", "group"), "utf8");
    for (const privileged of ["sudo", "docker", "adm", "root"]) {
      expect(group).not.toMatch(new RegExp(`^${privileged}:.*[:,]deploy(,|$)`, "m"));
    }
    expect(fs.readFileSync(path.join(root, "etc", "shadow"), "utf8")).toMatch(/^deploy:!/m); // no password
    const sudoers = path.join(root, "etc", "sudoers.d", "towlion-deploy");
    expect(fs.statSync(sudoers).mode & 0o777).toBe(0o440);
    const rules = fs.readFileSync(sudoers, "utf8").split("\n").filter((line) => line.startsWith("deploy "));
    expect(rules).toEqual(["deploy ALL=(root) NOPASSWD: /opt/towlion/platform/bin/deploy"]);
    const check = run("visudo", ["-cf", sudoers], process.env);
    expect(check.stdout + check.stderr).toMatch(/parsed OK/);
    const keys = fs.readFileSync(path.join(root, "home", "deploy", ".ssh", "authorized_keys"), "utf8");
    expect(keys).toBe(`restrict,command="/opt/towlion/platform/bin/deploy-ssh" ${deployKey}\n`);
    expect(fs.statSync(path.join(root, "home", "deploy", ".ssh", "authorized_keys")).mode & 0o777).toBe(0o600);
  });

  it("writes a firewall that the real nft loads, covering Docker-published ports", () => {
    const file = path.join(root, "etc", "towlion", "firewall.nft");
    // Loaded for real, in a network namespace of its own (twice: reloading works).
    const loaded = run("unshare", ["-n", "sh", "-c", `nft -f '${file}' && nft -f '${file}' && nft list table inet towlion`], process.env);
    expect(loaded.stderr).toBe("");
    expect(loaded.stdout).toMatch(/chain input \{\s+type filter hook input priority filter - 1; policy drop;/);
    expect(loaded.stdout).toMatch(/tcp dport 22 accept/);
    expect(loaded.stdout).toMatch(/chain forward \{\s+type filter hook forward priority filter - 1; policy accept;/);
    expect(loaded.stdout).toMatch(/ct status dnat drop/);
  });

  it("hardens SSH, enables fail2ban and security upgrades, and schedules the timers", () => {
    const sshd = fs.readFileSync(path.join(root, "etc", "ssh", "sshd_config.d", "towlion.conf"), "utf8");
    expect(sshd).toMatch(/^PasswordAuthentication no$/m);
    expect(sshd).toMatch(/^PermitRootLogin prohibit-password$/m);
    expect(fs.readFileSync(path.join(root, "etc", "fail2ban", "jail.d", "towlion.conf"), "utf8")).toMatch(/\[sshd\]\nenabled = true\nport = 22/);
    expect(fs.readFileSync(path.join(root, "etc", "apt", "apt.conf.d", "20auto-upgrades"), "utf8")).toMatch(/Unattended-Upgrade "1"/);
    for (const command of ["backup", "verify-backup", "doctor"]) {
      const service = fs.readFileSync(path.join(root, "etc", "systemd", "system", `towlion-${command}.service`), "utf8");
      expect(service).toMatch(new RegExp(`^ExecStart=/opt/towlion/platform/bin/${command}$`, "m"));
      expect(fs.existsSync(path.join(root, "opt", "towlion", "platform", "bin", command))).toBe(true);
      expect(fs.readFileSync(path.join(root, "etc", "systemd", "system", `towlion-${command}.timer`), "utf8")).toMatch(/Persistent=true/);
    }
  });

  it("lays out /data with owners, a hashed Redis admin and a backup key", () => {
    const owner = (dir: string): string => {
      const stat = fs.statSync(path.join(root, "data", dir));
      return `${stat.uid}:${stat.gid} ${(stat.mode & 0o777).toString(8)}`;
    };
    expect(owner("postgres")).toBe("999:999 700");
    expect(owner("redis")).toBe("999:999 750");
    expect(owner("backups/postgres")).toBe("0:0 700");
    for (const dir of ["minio", "caddy/data", "caddy/config", "caddy/sites", "loki", "grafana", "apps"]) {
      expect(fs.statSync(path.join(root, "data", dir)).isDirectory()).toBe(true);
    }
    const password = settings().TOWLION_REDIS_ADMIN_PASSWORD!;
    const acl = fs.readFileSync(path.join(root, "data", "redis", "users.acl"), "utf8");
    expect(acl).toBe(
      `user default off resetpass nocommands\nuser admin on #${crypto.createHash("sha256").update(password).digest("hex")} ~* &* +@all\n`,
    );
    const key = settings().TOWLION_BACKUP_AGE_KEY_FILE!;
    expect(run("age-keygen", ["-y", path.join(root, key)], process.env).stdout).toMatch(/^age1[0-9a-z]+\n$/);
  });

  it("upgrades the files it owns when the platform is newer, keeping the secrets", () => {
    const secretsBefore = fs.readFileSync(path.join(root, "etc", "towlion", "platform.env"), "utf8");
    const src = path.join(root, "src", "platform");
    fs.writeFileSync(path.join(src, "VERSION"), "9.9.9\n");
    const timer = path.join(src, "system", "systemd", "towlion-doctor.timer");
    fs.writeFileSync(timer, fs.readFileSync(timer, "utf8").replace("OnCalendar=hourly", "OnCalendar=*:0/30"));
    fs.rmSync(path.join(src, "observability", "grafana", "dashboards", "towlion-logs.json"));

    const upgrade = bootstrap();
    expect(upgrade.status).toBe(0);
    const changed = upgrade.stdout.split("\n").filter((line) => line.startsWith("changed: "));
    expect(changed).toEqual([
      "changed: /opt/towlion/platform/VERSION",
      "changed: /opt/towlion/platform/system/systemd/towlion-doctor.timer",
      "changed: removed /opt/towlion/platform/observability/grafana/dashboards/towlion-logs.json",
      "changed: /etc/systemd/system/towlion-doctor.timer",
    ]);
    expect(upgrade.stdout).toMatch(/^bootstrap: 4 change\(s\) \(platform 9\.9\.9\)$/m);
    expect(calls().slice(-12)).toContain("systemctl daemon-reload");
    expect(fs.readFileSync(path.join(root, "etc", "towlion", "platform.env"), "utf8")).toBe(secretsBefore);
    expect(bootstrap().stdout).toMatch(/^bootstrap: no changes \(platform 9\.9\.9\)$/m);
  });

  it("refuses bad settings and changes nothing", () => {
    const before = snapshot();
    const result = bootstrap({ TOWLION_SSH_PORT: "twenty-two" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/TOWLION_SSH_PORT must be a port number/);
    expect(bootstrap({ TOWLION_DEPLOY_USER: "Bad User" }).stderr).toMatch(/not a valid user name/);
    expect(snapshot()).toEqual(before);
  });
});

describe("docker-compose.yml with the settings bootstrap wrote", () => {
  const compose = (profiles?: string, extra: Record<string, string> = {}): { status: number; stdout: string; stderr: string } => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${toolsBin}:${process.env.PATH ?? ""}` };
    for (const key of Object.keys(env)) if (key === "COMPOSE_PROFILES" || key.startsWith("TOWLION_IMAGE_")) delete env[key];
    if (profiles) env.COMPOSE_PROFILES = profiles;
    Object.assign(env, extra);
    return run(
      "docker",
      ["compose", "--env-file", path.join(root, "etc", "towlion", "platform.env"), "-f", path.join(root, "opt", "towlion", "platform", "docker-compose.yml"), "config", "--format", "json"],
      env,
    );
  };

  interface ComposeService {
    image: string;
    restart?: string;
    ports?: { published: string; target: number }[];
    healthcheck?: { test: string[] };
    logging?: { driver: string; options: Record<string, string> };
    deploy?: { resources?: { limits?: { cpus?: number; memory?: string; pids?: number } } };
    volumes?: { source: string; target: string }[];
    networks?: Record<string, { aliases?: string[] } | null>;
  }

  it("passes docker compose config (Compose v2) and starts the default services", () => {
    const result = compose();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const config = JSON.parse(result.stdout) as { services: Record<string, ComposeService>; networks: Record<string, { name: string }> };
    expect(Object.keys(config.services).sort()).toEqual(["caddy", "postgres", "redis", "versitygw"]);
    expect(config.networks.towlion?.name).toBe("towlion");
    expect(config.services.versitygw?.networks?.towlion?.aliases).toEqual(["minio"]);
    expect(config.services.postgres?.volumes?.[0]).toMatchObject({ source: "/data/postgres", target: "/var/lib/postgresql/data" });
  });

  it("pins, limits, checks and rotates the logs of every service; only Caddy publishes ports", () => {
    const result = compose("minio,observability");
    expect(result.status).toBe(0);
    const services = (JSON.parse(result.stdout) as { services: Record<string, ComposeService> }).services;
    expect(Object.keys(services).sort()).toEqual(["alloy", "caddy", "grafana", "loki", "minio", "postgres", "redis"]);
    expect(services.minio?.networks?.towlion?.aliases).toEqual(["minio"]);
    for (const [name, service] of Object.entries(services)) {
      expect(service.image, name).toMatch(/^[\w./-]+:(v?\d+\.\d+(\.\d+)?(-[a-z]+)?|RELEASE\.[\dT-]+Z)$/);
      expect(service.restart, name).toBe("unless-stopped");
      expect(service.logging, name).toMatchObject({ driver: "json-file", options: { "max-size": "10m", "max-file": "5" } });
      const limits = service.deploy?.resources?.limits;
      expect(limits?.cpus && limits.memory && limits.pids, name).toBeTruthy();
      // Alloy has no health check (see platform/README.md); Compose restarts it if it exits.
      if (name !== "alloy") expect(service.healthcheck?.test.length, name).toBeGreaterThan(0);
      if (name === "caddy") {
        expect(service.ports?.map((port) => port.published).sort()).toEqual(["443", "443", "80"]);
      } else {
        expect(service.ports, name).toBeUndefined();
      }
    }
    const dashboard = path.join(platformDir, "observability", "grafana", "dashboards", "towlion-logs.json");
    expect((JSON.parse(fs.readFileSync(dashboard, "utf8")) as { panels: unknown[] }).panels.length).toBeGreaterThan(0);
  });

  it("lets one image be replaced, e.g. by a locally built one", () => {
    const result = compose(undefined, { TOWLION_IMAGE_POSTGRES: "towlion-test/postgres:16" });
    expect(result.status).toBe(0);
    const services = (JSON.parse(result.stdout) as { services: Record<string, ComposeService> }).services;
    expect(services.postgres?.image).toBe("towlion-test/postgres:16");
    expect(services.redis?.image).toBe("redis:7.2.11-bookworm");
  });

  it("names the missing setting when the settings file lacks one", () => {
    const partial = path.join(work, "partial.env");
    fs.writeFileSync(partial, fs.readFileSync(path.join(root, "etc", "towlion", "platform.env"), "utf8").replace(/^PGPASSWORD=.*\n/m, ""));
    const result = run("docker", ["compose", "--env-file", partial, "-f", path.join(platformDir, "docker-compose.yml"), "config", "--quiet"], {
      ...process.env,
      PGPASSWORD: "",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/set PGPASSWORD in the platform settings/);
  });
});
