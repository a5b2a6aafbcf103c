/**
 * The GitHub step of `create`, in process, against the spec-checked GitHub
 * stand-in and a real git server on loopback: the finer cases (resuming after
 * a failure, reusing a repository, organisations, fine-grained tokens).
 * test/unit/github-cli.test.ts runs the built bins for the end-to-end paths.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "../support/generate.js";
import { GitHubStandin } from "../support/github-standin/index.js";
import { filesContaining, git, makeDeployKey, standinEnv } from "../support/github-standin/helpers.js";
import { runInProcess } from "../support/in-process.js";
import { runTowlion } from "../../generators/cli/towlion.js";

const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfTheStandInServerForTestsOnly01234567";

const TOKEN = "ghp_publishtest0123456789abcdefghijklmnop";
const FINE_GRAINED = "github_pat_11AAAAAAA0fine0grained0without0secrets";
const ORG_TOKEN = "ghp_orgmember0123456789abcdefghijklmnopq";

let standin: GitHubStandin;

beforeAll(async () => {
  standin = await GitHubStandin.start();
  standin.addUser("alice");
  standin.addUser("bob");
  standin.addOrganisation("acme", ["alice"]);
  standin.addToken(TOKEN, { login: "alice", kind: "classic", scopes: ["repo", "workflow", "read:org"] });
  standin.addToken(ORG_TOKEN, { login: "alice", kind: "classic", scopes: ["repo", "workflow"] });
  standin.addToken(FINE_GRAINED, {
    login: "alice",
    kind: "fine-grained",
    permissions: { administration: "write", contents: "write", actions: "read" },
    repositories: "all",
  });
});

afterAll(async () => {
  await standin?.stop();
});

afterEach(() => {
  expect(standin.violations).toEqual([]);
});

function createArgs(name: string, extra: string[] = []): string[] {
  return [name, "--domain", "example.com", "--preset", "minimal", "--github", "--yes", ...extra];
}

async function towlion(argv: string[], cwd: string, env: NodeJS.ProcessEnv) {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    isTTY: false,
    env,
    cwd,
  };
  const code = await runTowlion(argv, io, "0.0.0-test");
  return { code, stdout, stderr };
}

describe("create --github, in process", () => {
  it("stops after the push when the token may not set secrets, then `towlion github` finishes without repeating anything", async () => {
    const cwd = scratchDir("gh-resume");
    const key = makeDeployKey(cwd);
    const before = standin.requests.length;
    const run = await runInProcess(
      createArgs("resumed", [
        "--server-host",
        "203.0.113.10",
        "--ssh-key",
        key.file,
        "--server-host-key",
        HOST_KEY,
        "--preview-domain",
        "preview.example.com",
      ]),
      { cwd, env: standinEnv(standin, FINE_GRAINED) },
    );
    const app = path.join(cwd, "resumed");

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "The token may not list the Actions secrets of alice/resumed (403 Resource not accessible by personal access token): it lacks a permission on that repository.",
    );
    expect(run.stderr).toContain(`The app itself is complete in ${app}`);
    expect(run.stderr).toContain(
      `Done:\n  - created the private repository alice/resumed\n  - origin is ${standin.serverUrl}/alice/resumed.git\n  - pushed main (${run.ctx.commit?.slice(0, 7)})`,
    );
    expect(run.stderr).toContain(
      "Still to do:\n  - set the Actions secrets SERVER_HOST, SERVER_USER, SERVER_SSH_KEY, SERVER_HOST_KEY, APP_DOMAIN, PREVIEW_DOMAIN\n  - create the environment production",
    );
    expect(run.stderr).toContain(
      `npx -p create-towlion-app@${run.ctx.version} towlion github --server-host 203.0.113.10 --ssh-key ${key.file} --server-host-key '${HOST_KEY}' --preview-domain preview.example.com`,
    );
    expect(run.stderr).toContain(`gh secret set SERVER_SSH_KEY --repo alice/resumed < ${key.file}`);
    expect(run.stderr).toContain("gh api --method PUT repos/alice/resumed/environments/production");
    // The app stays, committed, with origin set.
    expect(fs.existsSync(path.join(app, "towlion.json"))).toBe(true);
    expect(git(app, "remote", "get-url", "origin")).toBe(`${standin.serverUrl}/alice/resumed.git`);
    expect(standin.git.branch("alice/resumed")).toBe(git(app, "rev-parse", "HEAD"));

    const pushesBefore = standin.git.requests.filter(
      (r) => r.service === "git-receive-pack" && r.method === "POST",
    ).length;
    const creationsBefore = standin.calls("repos/create-for-authenticated-user").length;
    const resumed = await towlion(
      [
        "github",
        "--server-host",
        "203.0.113.10",
        "--ssh-key",
        key.file,
        "--server-host-key",
        HOST_KEY,
        "--preview-domain",
        "preview.example.com",
      ],
      app,
      standinEnv(standin, TOKEN),
    );
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("GitHub: the repository alice/resumed already exists");
    expect(resumed.stdout).toContain("GitHub: main (");
    expect(resumed.stdout).toContain(") is already pushed");
    expect(resumed.stdout).toContain(
      "GitHub: set the Actions secrets SERVER_HOST, SERVER_USER, SERVER_SSH_KEY, SERVER_HOST_KEY, APP_DOMAIN, PREVIEW_DOMAIN",
    );
    expect(resumed.stdout).toContain("GitHub: created the environment production");
    expect(standin.calls("repos/create-for-authenticated-user").length).toBe(creationsBefore);
    expect(standin.git.requests.filter((r) => r.service === "git-receive-pack" && r.method === "POST").length).toBe(
      pushesBefore,
    );

    const repo = standin.repository("alice/resumed");
    expect(Object.fromEntries(repo?.secrets ?? [])).toEqual({
      SERVER_HOST: "203.0.113.10",
      SERVER_USER: "deploy",
      SERVER_SSH_KEY: key.privateKey,
      SERVER_HOST_KEY: HOST_KEY,
      APP_DOMAIN: "resumed.example.com",
      PREVIEW_DOMAIN: "preview.example.com",
    });
    expect(repo?.environments).toEqual(["production"]);

    // A third run finds everything done and changes nothing.
    const writesBefore = standin.requests.filter((r) => r.method !== "GET").length;
    const again = await towlion(
      [
        "github",
        "--server-host",
        "203.0.113.10",
        "--ssh-key",
        key.file,
        "--server-host-key",
        HOST_KEY,
        "--preview-domain",
        "preview.example.com",
      ],
      app,
      standinEnv(standin, TOKEN),
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already exist; left as they are (--overwrite-secrets replaces them)");
    expect(again.stdout).toContain("GitHub: the environment production already exists");
    expect(standin.requests.filter((r) => r.method !== "GET").length).toBe(writesBefore);
    expect(standin.requests.length).toBeGreaterThan(before);
    for (const token of [TOKEN, FINE_GRAINED]) expect(filesContaining(path.join(app, ".git"), token)).toEqual([]);
  });

  it("creates the repository in an organisation the user belongs to", async () => {
    const cwd = scratchDir("gh-org");
    const run = await runInProcess(createArgs("org-app", ["--github-owner", "acme", "--github-visibility", "public"]), {
      cwd,
      env: standinEnv(standin, ORG_TOKEN),
    });
    expect(run.stderr).toContain("warning: These Actions secrets were given no value");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("GitHub: created the public repository acme/org-app");
    expect(standin.calls("repos/create-in-org").at(-1)?.status).toBe(201);
    expect(standin.repository("acme/org-app")?.private).toBe(false);
    expect(run.stderr).toContain("gh secret set SERVER_HOST --repo acme/org-app --body '<server host name or IP>'");
    expect(run.stderr).toContain("gh secret set SERVER_SSH_KEY --repo acme/org-app < '<deploy private key file>'");
    expect(Object.keys(Object.fromEntries(standin.repository("acme/org-app")?.secrets ?? []))).toEqual([
      "SERVER_USER",
      "APP_DOMAIN",
    ]);
  });

  it("refuses an owner that is not an organisation of the user, and creates nothing", async () => {
    const cwd = scratchDir("gh-not-org");
    const run = await runInProcess(createArgs("elsewhere", ["--github-owner", "bob"]), {
      cwd,
      env: standinEnv(standin, TOKEN),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Cannot create bob/elsewhere: "bob" is not an organisation in which alice may create repositories.',
    );
    expect(fs.existsSync(path.join(cwd, "elsewhere", "towlion.json"))).toBe(true);
    expect(standin.repository("bob/elsewhere")).toBeUndefined();
  });

  it("reuses an existing empty repository of the user instead of failing", async () => {
    standin.addRepository("alice", "was-empty");
    const cwd = scratchDir("gh-empty");
    const run = await runInProcess(createArgs("was-empty"), { cwd, env: standinEnv(standin, TOKEN) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "GitHub: the repository alice/was-empty already exists; checking that it is empty or holds this app",
    );
    expect(run.stdout).toContain("GitHub: pushed main");
    expect(standin.git.branch("alice/was-empty")).toBe(run.ctx.commit);
  });

  it("never pushes into an existing repository that holds other history", async () => {
    standin.addRepository("alice", "taken");
    const theirs = standin.seedCommit("alice/taken", { "README.md": "someone else's project\n" });
    const cwd = scratchDir("gh-taken");
    const run = await runInProcess(createArgs("taken"), { cwd, env: standinEnv(standin, TOKEN) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `The repository alice/taken already exists and it already holds other commits (its main is ${theirs.slice(0, 7)}`,
    );
    expect(standin.git.branch("alice/taken")).toBe(theirs);
    expect(fs.existsSync(path.join(cwd, "taken", ".git"))).toBe(true);
  });
});
