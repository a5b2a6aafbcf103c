/**
 * `create-towlion-app --github` and `towlion secrets`, run as a user runs them
 * (the built bins), against the GitHub stand-in (every request and response
 * checked against GitHub's OpenAPI description) and a real git server on
 * loopback. Each failure must keep the generated app, exit 1 and say how to
 * finish; the token must never show up in output, under .git, or in a URL.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "../support/generate.js";
import { GitHubStandin } from "../support/github-standin/index.js";
import {
  cloneFromStandin,
  filesContaining,
  git,
  makeDeployKey,
  standinEnv,
} from "../support/github-standin/helpers.js";
import { builtBin, repoRoot } from "../support/paths.js";

const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfTheStandInServerForTestsOnly01234567";

const TOKEN = "ghp_clitest0123456789abcdefghijklmnopqrstu";
const GIST_ONLY = "ghp_gistonly0123456789abcdefghijklmnopqrs";
const SELECTED_REPOS = "github_pat_11BBBBBBB0selected0repositories0only";
const towlionBin = path.join(repoRoot, "bin", "towlion.js");

let standin: GitHubStandin;
const outputs: string[] = [];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a bin asynchronously: the stand-in answers from this same process. */
function run(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      outputs.push(stdout, stderr);
      resolve({ status, stdout, stderr });
    });
  });
}

function create(
  name: string,
  cwd: string,
  token: string | undefined,
  flags: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const args = [name, "--domain", "example.com", "--preset", "minimal", "--github", "--yes", ...flags];
  return run(builtBin, args, cwd, standinEnv(standin, token, env));
}

/** The app survived the failure: its files and its first commit are there. */
function expectAppKept(app: string): void {
  expect(fs.existsSync(path.join(app, "towlion.json"))).toBe(true);
  expect(git(app, "rev-list", "--count", "HEAD")).toBe("1");
  expect(git(app, "status", "--porcelain")).toBe("");
}

beforeAll(async () => {
  standin = await GitHubStandin.start();
  standin.addUser("alice");
  standin.addToken(TOKEN, { login: "alice", kind: "classic", scopes: ["repo", "workflow"] });
  standin.addToken(GIST_ONLY, { login: "alice", kind: "classic", scopes: ["gist"] });
  standin.addToken(SELECTED_REPOS, {
    login: "alice",
    kind: "fine-grained",
    permissions: { administration: "write", contents: "write", secrets: "write", actions: "read" },
    repositories: [],
  });
});

afterAll(async () => {
  await standin?.stop();
  // Whatever happened, no run printed a token.
  for (const text of outputs) for (const token of [TOKEN, GIST_ONLY, SELECTED_REPOS]) expect(text).not.toContain(token);
});

afterEach(() => {
  expect(standin.violations).toEqual([]);
});

describe("create --github (built bin)", () => {
  it("creates the private repository, pushes the first commit, seals every secret and creates production", async () => {
    const cwd = scratchDir("gh-cli-happy");
    const key = makeDeployKey(cwd);
    const result = await create("shop", cwd, TOKEN, [
      "--server-host",
      "203.0.113.7",
      "--ssh-key",
      key.file,
      "--server-host-key",
      HOST_KEY,
      "--preview-domain",
      "preview.example.com",
    ]);
    const app = path.join(cwd, "shop");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const commit = git(app, "rev-parse", "HEAD");
    expect(result.stdout).toContain("GitHub: signed in as alice (token from GH_TOKEN)\n");
    expect(result.stdout).toContain("GitHub: created the private repository alice/shop\n");
    expect(result.stdout).toContain(
      `GitHub: pushed main (${commit.slice(0, 7)}) to ${standin.serverUrl}/alice/shop.git\n`,
    );
    expect(result.stdout).toContain(
      "GitHub: set the Actions secrets SERVER_HOST, SERVER_USER, SERVER_SSH_KEY, SERVER_HOST_KEY, APP_DOMAIN, PREVIEW_DOMAIN\n",
    );
    expect(result.stdout).toContain("GitHub: created the environment production\n");
    expect(result.stdout).toContain("Created shop in");
    // Only names are printed: no value, and certainly not the key.
    expect(result.stdout).not.toContain("OPENSSH PRIVATE KEY");
    expect(result.stdout).not.toContain("203.0.113.7");

    // GitHub's side: the repository, the secrets as libsodium opens them, the environment.
    const repo = standin.repository("alice/shop");
    expect(repo?.private).toBe(true);
    expect(Object.fromEntries(repo?.secrets ?? [])).toEqual({
      SERVER_HOST: "203.0.113.7",
      SERVER_USER: "deploy",
      SERVER_SSH_KEY: key.privateKey,
      SERVER_HOST_KEY: HOST_KEY,
      APP_DOMAIN: "shop.example.com",
      PREVIEW_DOMAIN: "preview.example.com",
    });
    expect(repo?.environments).toEqual(["production"]);
    expect(standin.undocumented).toEqual([]);

    // The git server's side: a clone holds exactly the local commit and tree.
    const clone = await cloneFromStandin(standin, "alice/shop", TOKEN, cwd);
    expect(git(clone, "rev-parse", "HEAD")).toBe(commit);
    expect(git(clone, "rev-parse", "HEAD^{tree}")).toBe(git(app, "rev-parse", "HEAD^{tree}"));
    expect(git(clone, "log", "--format=%s")).toBe(git(app, "log", "--format=%s"));
    const pushes = standin.git.requests.filter((r) => r.service === "git-receive-pack");
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((r) => r.auth === "basic")).toBe(true);

    // The token: not in the remote URL, not in .git/config, not in any file under .git.
    expect(git(app, "remote", "get-url", "origin")).toBe(`${standin.serverUrl}/alice/shop.git`);
    expect(git(app, "config", "--local", "--list")).not.toMatch(/extraheader|token|credential/i);
    expect(git(app, "rev-parse", "--abbrev-ref", "main@{upstream}")).toBe("origin/main");
    expect(filesContaining(path.join(app, ".git"), TOKEN)).toEqual([]);
  });

  it("401: a bad token stops before anything is created, keeps the app and gives the commands", async () => {
    const cwd = scratchDir("gh-cli-401");
    const created = standin.calls("repos/create-for-authenticated-user").length;
    const result = await create("badtoken", cwd, "ghp_not_a_valid_token_at_all_00000000000");
    const app = path.join(cwd, "badtoken");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "GitHub refused the token (401 Bad credentials) when trying to read the token's user",
    );
    expect(result.stderr).toContain(`The app itself is complete in ${app}`);
    expect(result.stderr).toContain("gh repo create badtoken --private --source . --remote origin --push");
    expect(result.stderr).toContain("towlion github");
    expect(result.stderr).not.toContain("ghp_not_a_valid_token");
    expectAppKept(app);
    expect(standin.calls("repos/create-for-authenticated-user").length).toBe(created);
  });

  it("403: a classic token without the repo scope is refused before anything changes", async () => {
    const cwd = scratchDir("gh-cli-403");
    const result = await create("noscope", cwd, GIST_ONLY);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/The token from GH_TOKEN lacks the scope repo( and workflow)? \(it has: gist\)/);
    expect(result.stderr).toContain("Nothing was changed on GitHub.");
    expect(result.stderr).toContain("Still to do:\n  - create the private repository alice/noscope");
    expectAppKept(path.join(cwd, "noscope"));
    expect(standin.repository("alice/noscope")).toBeUndefined();
  });

  it("422: a name that exists but the token cannot see gives the name-exists message", async () => {
    standin.addRepository("alice", "hidden");
    const cwd = scratchDir("gh-cli-422");
    const result = await create("hidden", cwd, SELECTED_REPOS);
    expect(result.status).toBe(1);
    expect(standin.calls("repos/create-for-authenticated-user").at(-1)?.status).toBe(422);
    expect(result.stderr).toContain(
      "Could not create the private repository alice/hidden: that name already exists on the account (422).",
    );
    expect(result.stderr).toContain("gh repo create alice/hidden --private --source . --remote origin --push");
    expectAppKept(path.join(cwd, "hidden"));
  });

  it("rate limit: says when the limit resets and keeps the app", async () => {
    const cwd = scratchDir("gh-cli-rate");
    standin.rateLimitRemaining = 0;
    try {
      const result = await create("limited", cwd, TOKEN);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        "GitHub's rate limit stopped the request to read the token's user: API rate limit exceeded",
      );
      expect(result.stderr).toMatch(/The limit resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\./);
      expectAppKept(path.join(cwd, "limited"));
    } finally {
      standin.rateLimitRemaining = 5000;
    }
  });

  it("network failure: an unreachable API is named, and the app stays", async () => {
    const cwd = scratchDir("gh-cli-down");
    const closed = await closedPort();
    const result = await create("offline", cwd, TOKEN, [], { GITHUB_API_URL: `http://127.0.0.1:${closed}` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `Could not reach the GitHub API at http://127.0.0.1:${closed} to read the token's user: ECONNREFUSED`,
    );
    expect(result.stderr).toContain("Check the network connection");
    expectAppKept(path.join(cwd, "offline"));
  });

  it("no token at all: refused before anything is written, saying where a token comes from", async () => {
    const cwd = scratchDir("gh-cli-notoken");
    const requestsBefore = standin.requests.length;
    const result = await create("tokenless", cwd, undefined);
    expect(result.status).toBe(2);
    const host = new URL(standin.serverUrl).host;
    expect(result.stderr).toBe(
      "No GitHub token: GH_TOKEN and GITHUB_TOKEN are not set, and the GitHub CLI (gh) is missing or not logged in.\n" +
        `gh auth login --hostname ${host} --scopes repo,workflow   # or: export GH_TOKEN=<a token with the repo and workflow scopes>\n` +
        "Nothing was created.\n",
    );
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(standin.requests.length).toBe(requestsBefore);
  });

  it("no token in a dry run: the plan, with a warning that the real run stops", async () => {
    const cwd = scratchDir("gh-cli-notoken-dry");
    const result = await create("tokenless", cwd, undefined, ["--dry-run"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("[github] create the private repository");
    expect(result.stderr).toContain("warning: No GitHub token: GH_TOKEN and GITHUB_TOKEN are not set");
    expect(result.stderr).toContain("A real run stops here, before writing anything.");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("--json keeps stdout one JSON document and reports the failure in it", async () => {
    const cwd = scratchDir("gh-cli-json");
    const result = await create("jsonfail", cwd, "ghp_wrong_token_for_json_0000000000000000", ["--json"]);
    expect(result.status).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ ok: false, exitCode: 1 });
    expect(parsed.error).toContain("GitHub refused the token (401 Bad credentials)");
  });
});

describe("towlion secrets (built bin)", () => {
  it("sets the secrets and the environment on a fork, then leaves them alone unless told to overwrite", async () => {
    standin.addRepository("alice", "shop-fork", { fork: true, private: false });
    const cwd = scratchDir("gh-cli-fork");
    const key = makeDeployKey(cwd);
    const env = standinEnv(standin, TOKEN);
    const first = await run(
      towlionBin,
      [
        "secrets",
        "--repo",
        "alice/shop-fork",
        "--server-host",
        "198.51.100.4",
        "--ssh-key",
        "deploy_key",
        "--app-domain",
        "shop.alice.dev",
      ],
      cwd,
      env,
    );
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("alice/shop-fork is a fork: GitHub keeps its workflows off until you enable them");
    expect(first.stdout).toContain(
      "GitHub: set the Actions secrets SERVER_HOST, SERVER_USER, SERVER_SSH_KEY, APP_DOMAIN\n",
    );
    expect(first.stdout).toContain("GitHub: created the environment production\n");
    expect(first.stdout).not.toContain("198.51.100.4");
    expect(Object.fromEntries(standin.repository("alice/shop-fork")?.secrets ?? [])).toEqual({
      SERVER_HOST: "198.51.100.4",
      SERVER_USER: "deploy",
      SERVER_SSH_KEY: key.privateKey,
      APP_DOMAIN: "shop.alice.dev",
    });

    const again = await run(
      towlionBin,
      ["secrets", "--repo", "alice/shop-fork", "--server-host", "198.51.100.99"],
      cwd,
      env,
    );
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      "the Actions secrets SERVER_HOST, SERVER_USER, SERVER_SSH_KEY, APP_DOMAIN already exist; left as they are",
    );
    expect(standin.repository("alice/shop-fork")?.secrets.get("SERVER_HOST")).toBe("198.51.100.4");

    const overwrite = await run(
      towlionBin,
      ["secrets", "--repo", "alice/shop-fork", "--server-host", "198.51.100.99", "--overwrite-secrets"],
      cwd,
      env,
    );
    expect(overwrite.status).toBe(0);
    expect(overwrite.stdout).toContain("GitHub: set the Actions secrets SERVER_HOST, SERVER_USER\n");
    expect(standin.repository("alice/shop-fork")?.secrets.get("SERVER_HOST")).toBe("198.51.100.99");
    expect(standin.repository("alice/shop-fork")?.secrets.get("SERVER_SSH_KEY")).toBe(key.privateKey);
  });

  it("names a repository the token cannot see, and a bad --repo is a usage error", async () => {
    const cwd = scratchDir("gh-cli-fork-missing");
    const missing = await run(
      towlionBin,
      ["secrets", "--repo", "alice/no-such-fork", "--server-host", "198.51.100.4"],
      cwd,
      standinEnv(standin, TOKEN),
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("There is no repository alice/no-such-fork that the token's user alice can see.");
    expect(missing.stderr).toContain("gh secret set SERVER_HOST --repo alice/no-such-fork --body 198.51.100.4");

    const usage = await run(towlionBin, ["secrets", "--repo", "not a repo"], cwd, standinEnv(standin, TOKEN));
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--repo must be owner/name, e.g. alice/shop; got "not a repo".');
  });
});

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
