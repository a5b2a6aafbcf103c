import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FALLBACK_IDENTITY } from "../../generators/git/first-commit.js";
import { scratchDir } from "../support/generate.js";
import { cleanEnv } from "../support/in-process.js";
import { builtBin } from "../support/paths.js";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", env: cleanEnv() }).trim();
}

function create(cwd: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv()) {
  return spawnSync(process.execPath, [builtBin, ...args, "--json"], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** An environment where git knows no user: empty HOME, no system config, no identity variables. */
function withoutIdentity(home: string): NodeJS.ProcessEnv {
  const env = cleanEnv({ HOME: home, GIT_CONFIG_NOSYSTEM: "1", XDG_CONFIG_HOME: path.join(home, ".config") });
  for (const key of ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL", "GIT_CONFIG_GLOBAL"]) delete env[key];
  return env;
}

describe("the first commit", () => {
  it("exists on main and holds every generated file", () => {
    const cwd = scratchDir("git-commit");
    const run = create(cwd, ["shop", "--domain", "example.com"]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    const repo = path.join(cwd, "shop");
    expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
    expect(git(repo, "rev-parse", "HEAD")).toBe(result.commit);
    expect(git(repo, "rev-list", "--count", "HEAD")).toBe("1");
    expect(git(repo, "ls-files").split("\n").sort()).toEqual([...result.files].sort());
    expect(git(repo, "status", "--porcelain")).toBe("");
  });

  it("is made with a one-off identity when git has none, and says so", () => {
    const cwd = scratchDir("git-noident");
    const home = scratchDir("git-noident-home");
    const env = withoutIdentity(home);
    // Prove the precondition: this environment really has no identity.
    expect(spawnSync("git", ["config", "user.email"], { cwd: home, env }).status).not.toBe(0);
    const run = create(cwd, ["shop", "--domain", "example.com"], env);
    expect(run.status).toBe(0);
    const repo = path.join(cwd, "shop");
    expect(git(repo, "log", "-1", "--format=%an <%ae>")).toBe(`${FALLBACK_IDENTITY.name} <${FALLBACK_IDENTITY.email}>`);
    expect(JSON.parse(run.stdout).warnings.join("\n")).toContain("git commit --amend --reset-author --no-edit");
    // The identity was for that commit only: nothing was written to any config.
    expect(fs.readFileSync(path.join(repo, ".git", "config"), "utf8")).not.toContain(FALLBACK_IDENTITY.email);
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it("warns when the app lands inside another work tree, and still gets its own repository", () => {
    const outer = scratchDir("git-outer");
    git(outer, "init", "-q", "-b", "main");
    const run = create(outer, ["shop", "--domain", "example.com"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).warnings).toEqual([
      `${path.join(outer, "shop")} is inside the git work tree of ${outer}; the app gets its own repository nested in it.`,
    ]);
    expect(git(path.join(outer, "shop"), "rev-parse", "--show-toplevel")).toBe(path.join(outer, "shop"));
  });

  it("needs no network: generation and the first commit work in a namespace without one", () => {
    // A network namespace of its own has only a loopback that is down: any connection fails.
    const cwd = scratchDir("git-offline");
    const run = spawnSync("unshare", ["--net", process.execPath, builtBin, "shop", "--domain", "example.com", "--json"], {
      cwd,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it("commits into an existing empty clone without touching its .git", () => {
    const cwd = scratchDir("git-clone");
    const repo = path.join(cwd, "shop");
    fs.mkdirSync(repo);
    git(repo, "init", "-q", "-b", "main");
    git(repo, "config", "user.name", "Existing");
    git(repo, "config", "user.email", "existing@example.com");
    const run = create(repo, [".", "--domain", "example.com"]);
    expect(run.status).toBe(0);
    expect(git(repo, "log", "-1", "--format=%an")).toBe("Existing");
    expect(git(repo, "config", "user.name")).toBe("Existing");
  });
});
