/**
 * The GitHub step's finer failure cases, in process: what each GitHub answer
 * becomes (through the real octokit, against the spec-checked stand-in),
 * deploy key files, where the token comes from (including a real `gh`), and
 * git failures partway that a later `towlion github` finishes.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectGitHub } from "../../generators/github/api.js";
import { gitHubEndpoints } from "../../generators/github/endpoints.js";
import { GitHubFailure } from "../../generators/github/failures.js";
import { redact } from "../../generators/github/push.js";
import { planSecretValues, readKeyFiles } from "../../generators/github/secret-values.js";
import type { SecretInputs } from "../../generators/github/secrets-plan.js";
import { findToken } from "../../generators/github/token.js";
import { runTowlion } from "../../generators/cli/towlion.js";
import { scratchDir } from "../support/generate.js";
import { GitHubStandin } from "../support/github-standin/index.js";
import {
  filesContaining,
  ghLoggedIn,
  git,
  makeDeployKey,
  makePemKey,
  standinEnv,
} from "../support/github-standin/helpers.js";
import { runInProcess, scriptedPrompter } from "../support/in-process.js";

const TOKEN = "ghp_failurestest0123456789abcdefghijklmn";
const PUBLIC_REPO_ONLY = "ghp_publicrepoonly0123456789abcdefghijkl";
const READ_ONLY = "github_pat_11CCCCCCC0contents0read0only0token";
const FROM_GH = "gho_fromtheghcli0123456789abcdefghijklmn";

let standin: GitHubStandin;

beforeAll(async () => {
  standin = await GitHubStandin.start();
  standin.addUser("alice");
  standin.addToken(TOKEN, { login: "alice", kind: "classic", scopes: ["repo", "workflow"] });
  standin.addToken(FROM_GH, { login: "alice", kind: "classic", scopes: ["repo", "workflow", "gist", "read:org"] });
  standin.addToken(PUBLIC_REPO_ONLY, { login: "alice", kind: "classic", scopes: ["public_repo"] });
  standin.addToken(READ_ONLY, {
    login: "alice",
    kind: "fine-grained",
    permissions: { administration: "write", contents: "read", secrets: "write", actions: "read" },
    repositories: "all",
  });
});

afterAll(async () => {
  await standin?.stop();
});

afterEach(() => {
  expect(standin.violations).toEqual([]);
});

async function api(token: string, env: NodeJS.ProcessEnv = standinEnv(standin, token)) {
  return connectGitHub(token, gitHubEndpoints(env), "failures-test");
}

async function failureOf(promise: Promise<unknown>): Promise<GitHubFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubFailure);
  return error as GitHubFailure;
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("what a GitHub answer becomes", () => {
  it("403 with X-Accepted-OAuth-Scopes names the scope wanted and the scopes held", async () => {
    const github = await api(PUBLIC_REPO_ONLY);
    const failure = await failureOf(
      github.createRepository({
        owner: "alice",
        organisation: false,
        name: "needs-repo",
        private: true,
        description: "",
      }),
    );
    expect(failure.kind).toBe("missing-scope");
    expect(failure.message).toBe(
      "The token may not create the private repository alice/needs-repo (403 Resource not accessible by personal access token): it needs the scope repo and has public_repo.",
    );
    expect(failure.fix.join("\n")).toContain("--scopes repo,workflow");
  });

  it("a secondary rate limit (429, Retry-After) says when to retry", async () => {
    standin.addRepository("alice", "busy");
    const github = await api(TOKEN);
    const repo = await github.repository("alice", "busy");
    standin.failNext("actions/create-or-update-repo-secret", {
      status: 429,
      headers: { "retry-after": "60" },
      body: {
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url: "https://docs.github.com/rest",
        status: "429",
      },
    });
    const key = await github.publicKey(repo as NonNullable<typeof repo>);
    const failure = await failureOf(
      github.putSecret(repo as NonNullable<typeof repo>, "APP_DOMAIN", "AAAA", key.keyId),
    );
    expect(failure.kind).toBe("rate-limit");
    expect(failure.message).toContain("You have exceeded a secondary rate limit");
    expect(failure.message).toContain("GitHub asks to retry after 60 seconds.");
  });

  it("an unreachable API is a network failure that names the address", async () => {
    const port = await closedPort();
    const env = standinEnv(standin, TOKEN, { GITHUB_API_URL: `http://127.0.0.1:${port}` });
    const failure = await failureOf((await api(TOKEN, env)).viewer());
    expect(failure.kind).toBe("network");
    expect(failure.message).toContain(
      `Could not reach the GitHub API at http://127.0.0.1:${port} to read the token's user: ECONNREFUSED`,
    );
  });
});

describe("endpoints and tokens", () => {
  it("defaults to github.com, derives GitHub Enterprise's API URL, and refuses a malformed one", () => {
    expect(gitHubEndpoints({})).toEqual({
      apiUrl: "https://api.github.com",
      serverUrl: "https://github.com",
      host: "github.com",
      isDotCom: true,
    });
    expect(gitHubEndpoints({ GITHUB_SERVER_URL: "https://ghe.example.com/" })).toEqual({
      apiUrl: "https://ghe.example.com/api/v3",
      serverUrl: "https://ghe.example.com",
      host: "ghe.example.com",
      isDotCom: false,
    });
    expect(() => gitHubEndpoints({ GITHUB_API_URL: "api.github.com" })).toThrow(
      'GITHUB_API_URL must be an http(s) URL; got "api.github.com".',
    );
  });

  it("takes GH_TOKEN before GITHUB_TOKEN, and the Enterprise variables only for an Enterprise host", async () => {
    const dotCom = gitHubEndpoints({});
    const emptyGh = standinEnv(standin, undefined);
    expect(await findToken({ ...emptyGh, GH_TOKEN: "a", GITHUB_TOKEN: "b" }, dotCom)).toEqual({
      value: "a",
      source: "GH_TOKEN",
    });
    expect(await findToken({ ...emptyGh, GITHUB_TOKEN: "b" }, dotCom)).toEqual({ value: "b", source: "GITHUB_TOKEN" });
    expect(await findToken({ ...emptyGh, GH_ENTERPRISE_TOKEN: "e", GITHUB_TOKEN: "b" }, dotCom)).toEqual({
      value: "b",
      source: "GITHUB_TOKEN",
    });
    const ghe = gitHubEndpoints({ GITHUB_SERVER_URL: "https://ghe.example.com" });
    expect(await findToken({ ...emptyGh, GH_ENTERPRISE_TOKEN: "e", GITHUB_TOKEN: "b" }, ghe)).toEqual({
      value: "e",
      source: "GH_ENTERPRISE_TOKEN",
    });
  });

  it("falls back to the GitHub CLI's login (a real `gh auth token`), and create uses it", async () => {
    const host = new URL(standin.serverUrl).host;
    const env = standinEnv(standin, undefined, { GH_CONFIG_DIR: ghLoggedIn(host, "alice", FROM_GH) });
    expect(await findToken(env, gitHubEndpoints(env))).toEqual({ value: FROM_GH, source: "gh auth token" });

    const cwd = scratchDir("gh-from-cli");
    const run = await runInProcess(["from-gh", "--domain", "example.com", "--preset", "minimal", "--github", "--yes"], {
      cwd,
      env,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("GitHub: signed in as alice (token from gh auth token)");
    expect(standin.git.branch("alice/from-gh")).toBe(run.ctx.commit);
    expect(`${run.stdout}${run.stderr}`).not.toContain(FROM_GH);
    expect(filesContaining(path.join(cwd, "from-gh", ".git"), FROM_GH)).toEqual([]);
  });

  it("no token after questions: nothing is written, and the answers come back as one command", async () => {
    const cwd = scratchDir("gh-no-token-asked");
    const prompter = scriptedPrompter(["", "public", "203.0.113.7", "deploy", "", "", ""]);
    const flags = ["--subdomain", "api", "--no-frontend", "--no-worker", "--no-storage", "--email", "console", "--github"];
    const run = await runInProcess(["asked", "--domain", "example.com", ...flags], {
      cwd,
      env: standinEnv(standin, undefined, { CI: "" }),
      isTTY: true,
      prompter,
    });
    // --github implies git, so that question is not asked.
    expect(prompter.asked).toEqual([
      "GitHub owner (empty for your own account)",
      "Repository visibility",
      "Server host name or IP (empty to set later)",
      "SSH user on the server",
      "Deploy private key file (empty to set later)",
      "Server SSH host key, from cat /etc/ssh/ssh_host_ed25519_key.pub (empty to set later)",
      "Preview domain (empty for no previews)",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No GitHub token: GH_TOKEN and GITHUB_TOKEN are not set");
    expect(run.stderr).toContain(
      "Nothing was created. Then run, without questions:\n" +
        "  npx create-towlion-app@latest asked --domain example.com --subdomain api --no-frontend --no-worker --no-storage --email console --git --github --github-visibility public --server-host 203.0.113.7 --server-user deploy --yes\n",
    );
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("redacts the token and its Basic form from any text", () => {
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString("base64");
    expect(redact(`fatal: ${TOKEN} and Authorization: Basic ${basic}`, TOKEN)).toBe(
      "fatal: *** and Authorization: Basic ***",
    );
  });
});

describe("deploy key files", () => {
  const inputs = (sshKeyFile: string): SecretInputs => ({
    serverHost: "203.0.113.7",
    serverUser: "deploy",
    sshKeyFile,
    serverHostKey: "",
    appDomain: "shop.example.com",
    previewDomain: "",
  });
  const keyValue = (file: string, cwd: string, env: NodeJS.ProcessEnv = {}) =>
    readKeyFiles(planSecretValues(inputs(file), cwd, env)).find((s) => s.name === "SERVER_SSH_KEY")?.value;
  const keyProblem = (file: string, cwd: string): string => {
    try {
      keyValue(file, cwd);
    } catch (error) {
      expect(error).toBeInstanceOf(GitHubFailure);
      return (error as Error).message;
    }
    throw new Error("expected the key file to be refused");
  };

  it("accepts OpenSSH and PKCS#8 private keys, relative to the working directory or under ~/", () => {
    const dir = scratchDir("gh-keys-ok");
    const openssh = makeDeployKey(dir);
    expect(keyValue("deploy_key", dir)).toBe(openssh.privateKey);
    const pem = makePemKey(dir);
    expect(keyValue(pem, "/")).toBe(fs.readFileSync(pem, "utf8"));
    expect(keyValue("~/deploy_key", "/", { HOME: dir })).toBe(openssh.privateKey);
  });

  it("refuses a missing file, a directory, a public key, a passphrase-protected key and anything else", () => {
    const dir = scratchDir("gh-keys-bad");
    makeDeployKey(dir);
    const locked = makeDeployKey(dir, "correct horse battery staple");
    fs.writeFileSync(path.join(dir, "notes.txt"), "not a key\n");
    expect(keyProblem("missing_key", dir)).toBe(
      `The deploy key ${path.join(dir, "missing_key")} cannot be read (ENOENT).`,
    );
    expect(keyProblem(".", dir)).toBe(`The deploy key ${dir} is not a file.`);
    expect(keyProblem("deploy_key.pub", dir)).toContain(
      "is a public key; SERVER_SSH_KEY needs the private key (the same path without .pub)",
    );
    expect(keyProblem(locked.file, dir)).toContain("is protected by a passphrase, which GitHub Actions cannot type");
    expect(keyProblem("notes.txt", dir)).toContain("is not a private key in OpenSSH or PEM format");
  });

  it("a bad key file stops create --github up front: exit 2, nothing written, GitHub never called", async () => {
    const cwd = scratchDir("gh-key-first");
    const before = standin.requests.length;
    const run = await runInProcess(
      [
        "keyless",
        "--domain",
        "example.com",
        "--preset",
        "minimal",
        "--github",
        "--ssh-key",
        "nowhere/id_ed25519",
        "--yes",
      ],
      { cwd, env: standinEnv(standin, TOKEN) },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `The deploy key ${path.join(cwd, "nowhere", "id_ed25519")} cannot be read (ENOENT).\n` +
        "Pass the private key of the server's deploy user: --ssh-key <file>\n",
    );
    expect(standin.requests.length).toBe(before);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});

describe("git failures partway", () => {
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
    return { code: await runTowlion(argv, io, "0.0.0-test"), stdout: () => stdout, stderr: () => stderr };
  }

  it("an unreachable git server stops after the repository is created; towlion github then pushes without re-creating it", async () => {
    const cwd = scratchDir("gh-git-down");
    const port = await closedPort();
    const run = await runInProcess(
      ["unpushed", "--domain", "example.com", "--preset", "minimal", "--github", "--yes"],
      {
        cwd,
        env: standinEnv(standin, TOKEN, { GITHUB_SERVER_URL: `http://127.0.0.1:${port}` }),
      },
    );
    const app = path.join(cwd, "unpushed");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `git could not reach the server to read the branches of http://127.0.0.1:${port}/alice/unpushed.git`,
    );
    expect(run.stderr).toContain(
      "Done:\n  - created the private repository alice/unpushed\nStill to do:\n  - push main",
    );
    expect(run.stderr).toContain(`git remote add origin http://127.0.0.1:${port}/alice/unpushed.git`);
    expect(standin.git.branch("alice/unpushed")).toBeUndefined();

    const creations = standin.calls("repos/create-for-authenticated-user").length;
    const resumed = await towlion(["github", "--dir", app], cwd, standinEnv(standin, TOKEN));
    expect(resumed.stderr()).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout()).toContain("GitHub: the repository alice/unpushed already exists");
    expect(resumed.stdout()).toContain(`GitHub: pushed main (${run.ctx.commit?.slice(0, 7)})`);
    expect(standin.calls("repos/create-for-authenticated-user").length).toBe(creations);
    expect(standin.git.branch("alice/unpushed")).toBe(run.ctx.commit);
    expect(git(app, "remote", "get-url", "origin")).toBe(`${standin.serverUrl}/alice/unpushed.git`);
  });

  it("a token that may read but not push is told so, and nothing is half-pushed", async () => {
    const cwd = scratchDir("gh-git-readonly");
    const run = await runInProcess(
      ["readonly", "--domain", "example.com", "--preset", "minimal", "--github", "--yes"],
      {
        cwd,
        env: standinEnv(standin, READ_ONLY),
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `The token may not push main to ${standin.serverUrl}/alice/readonly.git: GitHub refused it write access (403).`,
    );
    expect(run.stderr).toContain("Still to do:\n  - push main");
    expect(standin.git.branch("alice/readonly")).toBeUndefined();
    expect(filesContaining(path.join(cwd, "readonly", ".git"), READ_ONLY)).toEqual([]);
  });

  it("towlion github outside an app says where to run it", async () => {
    const cwd = scratchDir("gh-no-manifest");
    const result = await towlion(["github"], cwd, standinEnv(standin, TOKEN));
    expect(result.code).toBe(2);
    expect(result.stderr()).toBe(
      `There is no towlion.json in ${cwd}: run this in the app's directory, or pass --dir <app directory>.\n`,
    );
  });

  it("towlion github in an app made with --no-git says how to commit it, and calls nobody", async () => {
    const cwd = scratchDir("gh-no-git");
    const made = await runInProcess(
      ["gitless", "--domain", "example.com", "--preset", "minimal", "--no-git", "--yes"],
      {
        cwd,
        env: standinEnv(standin, TOKEN),
      },
    );
    expect(made.code).toBe(0);
    const app = path.join(cwd, "gitless");
    const before = standin.requests.length;
    const result = await towlion(["github", "--server-host", "203.0.113.7"], app, standinEnv(standin, TOKEN));
    expect(result.code).toBe(1);
    expect(result.stderr()).toContain(`${app} is not a git repository, so there is nothing to push.`);
    expect(result.stderr()).toContain(`git -C ${app} init -b main && git -C ${app} add --all`);
    expect(result.stderr()).toContain("npx -p create-towlion-app@0.0.0-test towlion github --server-host 203.0.113.7");
    expect(standin.requests.length).toBe(before);
  });

  it("towlion and its commands explain themselves, and refuse unknown options", async () => {
    const cwd = scratchDir("gh-help");
    const env = standinEnv(standin, TOKEN);
    const top = await towlion(["--help"], cwd, env);
    expect(top.code).toBe(0);
    expect(top.stdout()).toContain("github   Create the app's GitHub repository");
    const github = await towlion(["github", "--help"], cwd, env);
    expect(github.stdout()).toContain("--overwrite-secrets");
    expect(github.stdout()).toContain("GITHUB_API_URL and GITHUB_SERVER_URL");
    const unknown = await towlion(["secrets", "--repo", "alice/x", "--server-hots", "h"], cwd, env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr()).toBe("Unknown option --server-hots for towlion secrets; see towlion secrets --help.\n");
  });
});
