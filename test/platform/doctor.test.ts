/**
 * doctor against the real test services: a healthy setup passes, each kind
 * of damage fails with what to do, and checks needing Docker or systemd are
 * skipped only where those are absent.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toolsBin } from "../support/paths.js";
import { mustRun, platformEnv, runScript, scratchData } from "../support/platform-scripts.js";

const data = scratchData("doctor");
const settings = path.join(data, "platform.env");
const layout = ["postgres", "redis", "minio", "caddy/data", "caddy/config", "caddy/sites", "backups/postgres", "apps"];
let env: NodeJS.ProcessEnv;

/** A PATH with every tool of this machine except docker. */
function pathWithoutDocker(): string {
  const bin = path.join(data, "bin-without-docker");
  fs.mkdirSync(bin, { recursive: true });
  const dirs = (process.env.PATH ?? "").split(":").filter((dir) => dir && fs.existsSync(dir));
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir)) {
      const target = path.join(dir, name);
      if (name === "docker" || fs.existsSync(path.join(bin, name))) continue;
      fs.symlinkSync(target, path.join(bin, name));
    }
  }
  return `${toolsBin}:${bin}`;
}

function lines(output: string, status: "PASS" | "FAIL" | "SKIP"): string[] {
  return output.split("\n").filter((line) => line.startsWith(status));
}

beforeAll(() => {
  for (const dir of layout) fs.mkdirSync(path.join(data, dir), { recursive: true });
  fs.writeFileSync(settings, "# settings of this test\n", { mode: 0o600 });
  env = platformEnv(data, {
    TOWLION_ENV_FILE: settings,
    TOWLION_BACKUP_DB_REGEX: "^no_database_matches_this$",
    TOWLION_ACME_EMAIL: "ops@example.com",
  });
  mustRun("backup", [], env);
});

afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

describe("doctor", () => {
  it("passes on a healthy setup and skips Docker checks where docker is absent", () => {
    const result = runScript("doctor", [], { ...env, PATH: pathWithoutDocker() });
    expect(lines(result.stdout, "FAIL")).toEqual([]);
    expect(result.status).toBe(0);
    for (const check of ["settings", "disk space", "data folders", "postgres", "redis", "object store", "backups", "credentials", "caddy"]) {
      expect(result.stdout).toMatch(new RegExp(`^PASS  ${check}: `, "m"));
    }
    expect(result.stdout).toMatch(/^SKIP  docker: skipped: not available \(docker command not found\)$/m);
    expect(result.stdout).toMatch(/^doctor: 0 check\(s\) failed, 9 passed, \d+ skipped$/m);
  });

  it("runs the Docker checks where docker is installed", () => {
    const result = runScript("doctor", [], env);
    // This machine may or may not run a Docker daemon; either way the check ran.
    expect(result.stdout).toMatch(/^(PASS  docker: daemon reachable|FAIL  docker: the Docker daemon is not reachable)$/m);
    expect(result.stdout).not.toMatch(/^SKIP  docker/m);
  });

  it("skips the systemd checks only where systemd is not running", () => {
    const result = runScript("doctor", [], { ...env, PATH: pathWithoutDocker() });
    if (fs.existsSync("/run/systemd/system")) {
      expect(result.stdout).not.toMatch(/^SKIP  (timers|firewall|fail2ban)/m);
    } else {
      for (const check of ["timers", "firewall", "fail2ban"]) {
        expect(result.stdout).toMatch(new RegExp(`^SKIP  ${check}: skipped: not available \\(systemd is not running\\)$`, "m"));
      }
    }
  });

  it("requires Docker on a server instead of skipping it", () => {
    const result = runScript("doctor", [], { ...env, PATH: pathWithoutDocker(), TOWLION_RUNTIME: "docker" });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^FAIL  docker: the docker command is missing$/m);
  });

  it("fails each damaged part with what to do, and alerts", () => {
    const alertFile = path.join(data, "alert.txt");
    fs.rmSync(path.join(data, "caddy", "data"), { recursive: true });
    fs.chmodSync(settings, 0o644);
    fs.mkdirSync(path.join(data, "apps", "leaky"), { recursive: true });
    fs.writeFileSync(path.join(data, "apps", "leaky", "credentials.env"), "x=1\n", { mode: 0o644 });
    fs.writeFileSync(path.join(data, "caddy", "sites", "broken.caddy"), "http://broken.test {\n\timport missing_snippet\n}\n");
    try {
      const result = runScript("doctor", [], {
        ...env,
        PATH: pathWithoutDocker(),
        PGPASSWORD: "wrong-password",
        TOWLION_REDIS_ADMIN_PASSWORD: "wrong-password",
        TOWLION_BACKUP_DIR: path.join(data, "no-backups-here"),
        TOWLION_ALERT_COMMAND: `cat > '${alertFile}'`,
      });
      expect(result.status).toBe(1);
      const failed = lines(result.stdout, "FAIL").map((line) => line.slice(6, line.indexOf(":")));
      expect(failed.sort()).toEqual(["backups", "caddy", "credentials", "data folders", "postgres", "redis", "settings"]);
      expect(result.stdout).toMatch(/^FAIL  settings: .* is mode 644 .*\n\s+fix: chown root:root .* && chmod 600 /m);
      expect(result.stdout).toMatch(/^FAIL  data folders: missing under .*: caddy\/data\n\s+fix: run platform\/bin\/bootstrap$/m);
      expect(result.stdout).toMatch(/^FAIL  postgres: not reachable: .*password authentication failed/m);
      expect(result.stdout).toMatch(/^doctor: 7 check\(s\) failed/m);
      expect(fs.readFileSync(alertFile, "utf8")).toMatch(/postgres: not reachable/);
    } finally {
      fs.mkdirSync(path.join(data, "caddy", "data"));
      fs.chmodSync(settings, 0o600);
      fs.rmSync(path.join(data, "apps", "leaky"), { recursive: true });
      fs.rmSync(path.join(data, "caddy", "sites", "broken.caddy"));
    }
  });

  it("changes nothing", () => {
    const snapshot = (): string[] =>
      (fs.readdirSync(data, { recursive: true }) as string[]).filter((f) => !f.startsWith("bin-without-docker")).sort();
    const before = snapshot();
    runScript("doctor", [], { ...env, PATH: pathWithoutDocker() });
    expect(snapshot()).toEqual(before);
  });
});
