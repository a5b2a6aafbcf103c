/**
 * Where GitHub is. The defaults are github.com; GITHUB_API_URL and
 * GITHUB_SERVER_URL (the names GitHub Actions sets) point at GitHub
 * Enterprise Server, or at the stand-ins the tests run.
 */
import { GitHubFailure } from "./failures.js";

export interface GitHubEndpoints {
  /** REST API base, without a trailing slash. */
  apiUrl: string;
  /** Web and git base, without a trailing slash: <serverUrl>/<owner>/<repo>.git */
  serverUrl: string;
  /** Host name of serverUrl, for `gh --hostname` and GH_HOST. */
  host: string;
  isDotCom: boolean;
}

const DOT_COM = { apiUrl: "https://api.github.com", serverUrl: "https://github.com" } as const;

export function gitHubEndpoints(env: NodeJS.ProcessEnv): GitHubEndpoints {
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || DOT_COM.serverUrl);
  const isDotCom = serverUrl === DOT_COM.serverUrl;
  // GitHub Enterprise Server serves its API under /api/v3 of the same host.
  const apiUrl = trimSlash(env.GITHUB_API_URL || (isDotCom ? DOT_COM.apiUrl : `${serverUrl}/api/v3`));
  for (const [name, url] of [
    ["GITHUB_SERVER_URL", serverUrl],
    ["GITHUB_API_URL", apiUrl],
  ] as const) {
    if (!/^https?:\/\/[^/\s]+/.test(url))
      throw new GitHubFailure("input", `${name} must be an http(s) URL; got "${url}".`);
  }
  return { apiUrl, serverUrl, host: new URL(serverUrl).host, isDotCom };
}

/** The plain HTTPS address of a repository: what `origin` is set to. Never carries a credential. */
export function cloneUrl(endpoints: GitHubEndpoints, fullName: string): string {
  return `${endpoints.serverUrl}/${fullName}.git`;
}

export function webUrl(endpoints: GitHubEndpoints, fullName: string): string {
  return `${endpoints.serverUrl}/${fullName}`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
