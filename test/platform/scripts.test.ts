/** Every platform script is shellcheck-clean, documents itself and rejects bad usage. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";
import { platformBin, platformDir, run, runScript, scratchData } from "../support/platform-scripts.js";

const commands = fs.readdirSync(platformBin).sort();
const shellFiles = [
  ...commands.map((name) => path.join(platformBin, name)),
  ...fs
    .readdirSync(path.join(platformDir, "lib"))
    .filter((name) => name.endsWith(".sh"))
    .map((name) => path.join(platformDir, "lib", name)),
  path.join(repoRoot, "scripts", "debian-rootfs.sh"),
  ...["apt-get", "dpkg-query", "systemctl", "nft", "sshd", "visudo", "docker", "_stub.sh"].map((name) =>
    path.join(repoRoot, "test", "platform", "bootstrap-stubs", name),
  ),
];

describe("platform scripts", () => {
  it("has one command per job", () => {
    expect(commands).toEqual(
      expect.arrayContaining(["backup", "bootstrap", "caddy-site", "deprovision-app", "doctor", "provision-app", "restore", "verify-backup"]),
    );
  });

  it.each(shellFiles.map((file) => [path.relative(repoRoot, file), file]))("%s is shellcheck clean", (_name, file) => {
    const result = run("shellcheck", ["--external-sources", "--severity=style", file], process.env);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it.each(commands)("%s is executable, strict, and prints help", (command) => {
    const file = path.join(platformBin, command);
    expect(fs.statSync(file).mode & 0o111).toBe(0o111);
    expect(fs.readFileSync(file, "utf8")).toMatch(/^#!\/usr\/bin\/env bash\n[\s\S]*\nset -euo pipefail\n/);
    const help = runScript(command, ["--help"], { ...process.env, TOWLION_ENV_FILE: "/nonexistent" });
    expect(help.status).toBe(0);
    expect(help.stdout.length).toBeGreaterThan(80);
  });

  it.each(["backup", "verify-backup", "doctor", "bootstrap"])("%s rejects unknown arguments with exit 2", (command) => {
    const result = runScript(command, ["--no-such-option"], { ...process.env, TOWLION_ENV_FILE: "/nonexistent" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usage/);
  });

  it("reports a missing setting by name", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TOWLION_ENV_FILE: "/nonexistent" };
    delete env.PGPASSWORD;
    delete env.PGHOST;
    const result = runScript("provision-app", ["some-app"], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PGHOST is not set \(see platform\/README\.md, settings\)/);
  });

  it("reads settings from the settings file without evaluating it, the environment winning", () => {
    const dir = scratchData("settings");
    const file = path.join(dir, "platform.env");
    const marker = path.join(dir, "evaluated");
    fs.writeFileSync(file, `# comment\nTOWLION_RUNTIME=sideways\nPGHOST=$(touch ${marker})\n`, { mode: 0o600 });
    try {
      const fromFile = runScript("doctor", [], { ...process.env, TOWLION_ENV_FILE: file });
      expect(fromFile.stderr).toMatch(/TOWLION_RUNTIME must be native or docker, not 'sideways'/);
      expect(fs.existsSync(marker)).toBe(false);
      const overridden = runScript("provision-app", ["x-app"], { ...process.env, TOWLION_ENV_FILE: file, TOWLION_RUNTIME: "native", PGPORT: "" });
      expect(overridden.stderr).toMatch(/PGPORT is not set/);
      expect(fs.existsSync(marker)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
