import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/generate.js";
import { cleanEnv } from "../support/in-process.js";
import { builtBin } from "../support/paths.js";

function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [builtBin, ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"], // stdin closed: no terminal, nobody to answer
    encoding: "utf8",
    timeout: 30_000,
  });
  return { ...result, ms: Date.now() - started };
}

describe("the built bin", () => {
  it("with stdin closed and no flags exits promptly with code 2 and names the flags", () => {
    const cwd = scratchDir("bin-noflags");
    const run = runBin([], cwd);
    expect(run.signal).toBeNull(); // not killed by the timeout: it never waited for input
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Missing app name (a directory argument or --name) and --domain");
    expect(run.stderr).toContain("npx create-towlion-app@latest my-app --domain example.com");
    expect(run.stdout).toBe("");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("with CI set never prompts, even on a terminal-less run with a directory", () => {
    const cwd = scratchDir("bin-ci");
    const run = runBin(["shop"], cwd, cleanEnv({ CI: "true" }));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Missing --domain");
  });

  it("with --yes generates my-app on localhost and commits it", () => {
    const cwd = scratchDir("bin-yes");
    const run = runBin(["--yes"], cwd);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const app = path.join(cwd, "my-app");
    expect(run.stdout).toContain(`Created my-app in ${app}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(app, "towlion.json"), "utf8"));
    expect(manifest).toMatchObject({ name: "my-app", domain: "localhost", subdomain: "my-app" });
    expect(fs.existsSync(path.join(app, ".git", "HEAD"))).toBe(true);
  });

  it("--help shows a complete one-shot example and exits 0", () => {
    const run = runBin(["--help"], scratchDir("bin-help"));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/npx create-towlion-app@latest shop --domain example.com .*--yes/s);
    for (const flag of ["--domain", "--subdomain", "--no-frontend", "--worker", "--storage", "--email", "--git", "--github", "--github-owner", "--github-visibility", "--dry-run", "--json", "--yes"]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it("--version prints the package version", () => {
    const run = runBin(["--version"], scratchDir("bin-version"));
    const pkg = JSON.parse(fs.readFileSync(path.join(builtBin, "..", "..", "package.json"), "utf8"));
    expect(run.stdout).toBe(`${pkg.version}\n`);
    expect(run.status).toBe(0);
  });

  it("--dry-run --json describes files and side effects, GitHub included, and writes nothing", () => {
    const cwd = scratchDir("bin-dry");
    const run = runBin(
      ["shop", "--domain", "example.com", "--github", "--github-owner", "acme", "--preview-domain", "preview.example.com", "--dry-run", "--json"],
      cwd,
    );
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: true, dryRun: true, name: "shop", appDomain: "shop.example.com", commit: null });
    expect(result.files).toContain("towlion.json");
    const effects = result.effects.map((e: { description: string }) => e.description);
    expect(effects).toEqual([
      `create the directory ${path.join(cwd, "shop")}`,
      "git init -b main, then commit every file as the first commit",
      "create the private repository acme/shop (an existing one is reused only if it is empty or holds this app)",
      "push main to https://github.com/acme/shop.git (token in a header for that push only, never in the URL or .git/config)",
      "set the Actions secrets SERVER_USER, APP_DOMAIN, PREVIEW_DOMAIN, each sealed locally with the repository's public key",
      "leave SERVER_HOST, SERVER_SSH_KEY, SERVER_HOST_KEY to set by hand (no value given) and print the gh commands for them",
      'create the environment "production"',
    ]);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("--dry-run prints the plan for people too", () => {
    const cwd = scratchDir("bin-dry-text");
    const run = runBin(["shop", "--domain", "example.com", "--dry-run"], cwd);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Dry run: nothing was written\. create-towlion-app would generate \d+ files:\n/);
    expect(run.stdout).toContain("  towlion.json\n");
    expect(run.stdout).toContain("[git] git init -b main");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("--json prints the result of a real run", () => {
    const cwd = scratchDir("bin-json");
    const run = runBin(["shop", "--domain", "example.com", "--json"], cwd);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: true, dryRun: false, directory: path.join(cwd, "shop") });
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(result.command).toBe(
      "npx create-towlion-app@latest shop --domain example.com --subdomain shop --frontend --worker --storage --email console --git --no-github --yes",
    );
  });

  it('accepts "." for the current empty directory, keeping harmless files', () => {
    const cwd = scratchDir("bin-dot");
    fs.writeFileSync(path.join(cwd, "LICENSE"), "MIT\n");
    const run = runBin([".", "--name", "shop", "--domain", "example.com"], cwd);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, "LICENSE"), "utf8")).toBe("MIT\n");
    expect(fs.existsSync(path.join(cwd, "towlion.json"))).toBe(true);
    expect(fs.readdirSync(cwd).filter((e) => e.includes("create-towlion-app"))).toEqual([]);
  });

  it('takes the app name from "." when it is valid', () => {
    const parent = scratchDir("bin-dot-name");
    const cwd = path.join(parent, "blog");
    fs.mkdirSync(cwd);
    const run = runBin([".", "--domain", "example.com", "--no-git"], cwd);
    expect(run.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, "towlion.json"), "utf8")).name).toBe("blog");
  });

  it("accepts absolute and nested relative paths", () => {
    const cwd = scratchDir("bin-paths");
    const absolute = path.join(cwd, "abs", "shop");
    expect(runBin([absolute, "--domain", "example.com", "--no-git"], cwd).status).toBe(0);
    expect(fs.existsSync(path.join(absolute, "towlion.json"))).toBe(true);
    expect(runBin(["rel/blog", "--domain", "example.com", "--no-git"], cwd).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, "rel", "blog", "towlion.json"), "utf8")).name).toBe("blog");
  });
});
