/**
 * The first push, over HTTPS, without the token ever touching the disk.
 *
 * git gets the token for this one process only, as an `http.<server>/.extraHeader`
 * passed through GIT_CONFIG_COUNT/KEY/VALUE environment variables: nothing is
 * written to `.git/config`, `origin` stays the plain https URL, and the header
 * only goes to the GitHub server (not to a host a redirect points at).
 *
 * simple-git guards against environment variables that change what git runs or
 * reads. We keep those guards and open exactly what this needs: the three
 * config variables (allowUnsafeConfigEnvCount), prompts off, and the SSL
 * variables a corporate CA may need. Everything else git-related from the
 * parent environment is dropped, as in the first commit.
 */
import fs from "node:fs";
import path from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { shellQuote } from "../cli/one-shot.js";
import { GitHubFailure } from "./failures.js";

export interface PushTarget {
  /** The local repository. */
  dir: string;
  /** The plain https URL of the GitHub repository. */
  url: string;
  /** The web/git server the token is for, e.g. https://github.com. */
  serverUrl: string;
  token: string;
  env: NodeJS.ProcessEnv;
}

export const BRANCH = "main";

/** What the GitHub repository holds compared to the local main. */
export type RemoteState =
  | { kind: "empty" }
  | { kind: "same"; sha: string }
  /** Its main is an older commit of ours: a fast-forward push brings it up to date. */
  | { kind: "behind"; sha: string }
  /** It holds history that is not ours: never overwrite it. */
  | { kind: "foreign"; detail: string };

const KEPT_GIT_VARIABLES = ["GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_SSL_NO_VERIFY", "GIT_CONFIG_NOSYSTEM"];
const AUTH_VARIABLES = ["GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0", "GIT_TERMINAL_PROMPT"];
/** Programs git could start on its own; none is needed to push, so none is passed. */
const DROPPED_PROGRAMS = new Set(["editor", "visual", "pager", "prefix", "ssh_askpass"]);

function baseEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower.startsWith("git_") && !KEPT_GIT_VARIABLES.includes(key)) continue;
    if (DROPPED_PROGRAMS.has(lower)) continue;
    kept[key] = value;
  }
  return kept;
}

function authEnv(target: PushTarget): Record<string, string> {
  const basic = Buffer.from(`x-access-token:${target.token}`).toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: `http.${target.serverUrl}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    GIT_TERMINAL_PROMPT: "0",
  };
}

function localGit(dir: string, env: NodeJS.ProcessEnv): SimpleGit {
  return simpleGit({ baseDir: dir, allowEnvironment: KEPT_GIT_VARIABLES }).env(baseEnv(env));
}

function authenticatedGit(target: PushTarget): SimpleGit {
  return simpleGit({
    baseDir: target.dir,
    allowEnvironment: [...KEPT_GIT_VARIABLES, ...AUTH_VARIABLES],
    unsafe: { allowUnsafeConfigEnvCount: true },
  }).env({ ...baseEnv(target.env), ...authEnv(target) });
}

/** The commit local main points at. */
export async function localMain(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const quoted = shellQuote(dir);
  // Checked first: without its own .git, git would answer for a repository around it.
  if (!fs.existsSync(path.join(dir, ".git")))
    throw new GitHubFailure("input", `${dir} is not a git repository, so there is nothing to push.`, [
      `git -C ${quoted} init -b ${BRANCH} && git -C ${quoted} add --all && git -C ${quoted} commit -m "First commit"`,
    ]);
  try {
    return (await localGit(dir, env).revparse([`refs/heads/${BRANCH}`])).trim();
  } catch {
    throw new GitHubFailure("input", `${dir} has no "${BRANCH}" branch with a commit to push.`, [
      `git -C ${quoted} branch -M ${BRANCH}   # if your first commit is on another branch`,
    ]);
  }
}

/** GIT_CONFIG_COUNT, which carries the token's header, arrived in git 2.31. */
const MINIMUM_GIT: readonly [number, number] = [2, 31];

async function requireGitVersion(target: PushTarget): Promise<void> {
  const version = await localGit(target.dir, target.env).version();
  if (version.major > MINIMUM_GIT[0] || (version.major === MINIMUM_GIT[0] && version.minor >= MINIMUM_GIT[1])) return;
  throw new GitHubFailure(
    "git",
    `git ${version.major}.${version.minor} is too old to push with the token safely (it needs ${MINIMUM_GIT.join(".")} or later).`,
    ["Update git, or push by hand with the GitHub CLI's help: gh auth setup-git"],
  );
}

export async function remoteState(target: PushTarget, localSha: string): Promise<RemoteState> {
  await requireGitVersion(target);
  const listing = await runGit(target, ["ls-remote", target.url], `read the branches of ${target.url}`);
  const refs = new Map(
    listing
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [sha = "", ref = ""] = line.split("\t");
        return [ref, sha] as const;
      }),
  );
  const remoteMain = refs.get(`refs/heads/${BRANCH}`);
  if (refs.size === 0) return { kind: "empty" };
  if (remoteMain === localSha) return { kind: "same", sha: localSha };
  if (remoteMain && (await isAncestor(target, remoteMain, localSha))) return { kind: "behind", sha: remoteMain };
  const what = remoteMain
    ? `its ${BRANCH} is ${remoteMain.slice(0, 7)}, which is not in your history`
    : `it has no ${BRANCH} branch`;
  return { kind: "foreign", detail: `it already holds other commits (${what})` };
}

async function isAncestor(target: PushTarget, ancestor: string, descendant: string): Promise<boolean> {
  try {
    await localGit(target.dir, target.env).raw(["merge-base", "--is-ancestor", ancestor, descendant]);
    return true;
  } catch {
    return false; // not an ancestor, or a commit we do not have at all
  }
}

/** What `origin` is now: set by us, already right, or pointing somewhere else (left alone). */
export type OriginState = { kind: "added" } | { kind: "same" } | { kind: "other"; url: string };

export async function ensureOrigin(dir: string, url: string, env: NodeJS.ProcessEnv): Promise<OriginState> {
  const git = localGit(dir, env);
  const remotes = await git.getRemotes(true);
  const origin = remotes.find((r) => r.name === "origin");
  if (!origin) {
    await git.addRemote("origin", url);
    return { kind: "added" };
  }
  return origin.refs.push === url ? { kind: "same" } : { kind: "other", url: origin.refs.push };
}

/** Pushes local main; with `origin` set to the URL, main also tracks origin/main. */
export async function pushMain(target: PushTarget, viaOrigin: boolean): Promise<void> {
  const args = viaOrigin
    ? ["push", "--set-upstream", "origin", `refs/heads/${BRANCH}:refs/heads/${BRANCH}`]
    : ["push", target.url, `refs/heads/${BRANCH}:refs/heads/${BRANCH}`];
  await runGit(target, args, `push ${BRANCH} to ${target.url}`);
}

async function runGit(target: PushTarget, args: string[], action: string): Promise<string> {
  try {
    return await authenticatedGit(target).raw(args);
  } catch (error) {
    throw describeGitError(redact((error as Error).message, target.token), action);
  }
}

function describeGitError(output: string, action: string): GitHubFailure {
  const detail = output.trim().split("\n").slice(-4).join("\n  ");
  if (/without `?workflow`? scope/i.test(output))
    return new GitHubFailure(
      "missing-scope",
      `GitHub refused to ${action}: the token lacks the workflow scope.\n  ${detail}`,
      ["gh auth refresh --scopes repo,workflow   # or give the token the workflow scope / Workflows permission"],
    );
  if (/could not resolve host|failed to connect|connection refused|timed out|couldn't connect/i.test(output))
    return new GitHubFailure("network", `git could not reach the server to ${action}.\n  ${detail}`, [
      "Check the network connection (and HTTPS_PROXY, if you use a proxy), then run the remaining steps.",
    ]);
  if (/returned error: 403|permission to .* denied/i.test(output))
    return new GitHubFailure(
      "missing-scope",
      `The token may not ${action}: GitHub refused it write access (403).\n  ${detail}`,
      [
        "Use a token of a user who may push there, with the repo scope (classic) or Contents: read and write (fine-grained).",
      ],
    );
  if (/returned error: 401|authentication failed|could not read username/i.test(output))
    return new GitHubFailure("bad-token", `The git server refused the token when trying to ${action}.\n  ${detail}`, [
      "gh auth login   # or export GH_TOKEN=<a token that may push to the repository>",
    ]);
  return new GitHubFailure("git", `git could not ${action}.\n  ${detail}`);
}

/** Defence in depth: git never sees the token in an argument, but scrub its output anyway. */
export function redact(text: string, token: string): string {
  if (token === "") return text;
  const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
  return text.split(token).join("***").split(basic).join("***");
}
