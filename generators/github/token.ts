/**
 * The GitHub token: GH_TOKEN or GITHUB_TOKEN, else the GitHub CLI's login.
 * The token stays in memory; it is handed to the API client and to one git
 * push through the environment, and never printed.
 */
import { execFile } from "node:child_process";
import type { GitHubEndpoints } from "./endpoints.js";
import { GitHubFailure } from "./failures.js";

export interface Token {
  value: string;
  /** Where it came from, for the user: "GH_TOKEN", "gh auth token". */
  source: string;
}

/** gh's own order: the Enterprise variables only count for an Enterprise host. */
function variableNames(endpoints: GitHubEndpoints): string[] {
  const names = ["GH_TOKEN", "GITHUB_TOKEN"];
  return endpoints.isDotCom ? names : ["GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", ...names];
}

export async function findToken(env: NodeJS.ProcessEnv, endpoints: GitHubEndpoints): Promise<Token> {
  for (const name of variableNames(endpoints)) {
    const value = env[name]?.trim();
    if (value) return { value, source: name };
  }
  const fromCli = await ghAuthToken(env, endpoints.host);
  if (fromCli) return { value: fromCli, source: "gh auth token" };
  const hostFlag = endpoints.isDotCom ? "" : ` --hostname ${endpoints.host}`;
  throw new GitHubFailure(
    "no-token",
    "No GitHub token: GH_TOKEN and GITHUB_TOKEN are not set, and the GitHub CLI (gh) is missing or not logged in.",
    [
      `gh auth login${hostFlag} --scopes repo,workflow   # or: export GH_TOKEN=<a token with the repo and workflow scopes>`,
    ],
  );
}

/** `gh auth token`, or undefined when gh is not installed or not logged in. */
function ghAuthToken(env: NodeJS.ProcessEnv, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      "gh",
      ["auth", "token", "--hostname", host],
      { env: { ...env, GH_PROMPT_DISABLED: "1", NO_COLOR: "1" }, timeout: 10_000, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}
