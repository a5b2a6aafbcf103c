/**
 * Why a GitHub call failed, in words a person can act on. Every failure says
 * what went wrong and what fixes it; the caller adds what was already done and
 * the commands that finish the rest by hand.
 */

export type FailureKind =
  | "no-token"
  | "bad-token"
  | "missing-scope"
  | "exists"
  | "rate-limit"
  | "network"
  | "not-found"
  | "input"
  | "git"
  | "api";

export class GitHubFailure extends Error {
  override readonly name = "GitHubFailure";
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** What to do about this cause (before running the remaining steps). */
    readonly fix: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The parts of @octokit/request-error's RequestError we read; typed here so octokit stays lazily loaded. */
interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
  cause?: unknown;
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as Partial<RequestErrorLike>).status === "number";
}

export interface FailureContext {
  /** What we were doing, e.g. "create the repository alice/shop". */
  action: string;
  apiUrl: string;
  /** `gh auth` needs the host for GitHub Enterprise. */
  host: string;
}

export function describeApiError(error: unknown, context: FailureContext): GitHubFailure {
  if (error instanceof GitHubFailure) return error;
  const hostFlag = context.host === "github.com" ? "" : ` --hostname ${context.host}`;
  if (!isRequestError(error) || !error.response) {
    const reason = networkReason(error);
    return new GitHubFailure(
      "network",
      `Could not reach the GitHub API at ${context.apiUrl} to ${context.action}: ${reason}.`,
      ["Check the network connection (and HTTPS_PROXY, if you use a proxy), then run the remaining steps."],
    );
  }
  const { status, response } = error;
  const header = (name: string): string => String(response.headers[name] ?? "");
  const apiMessage = messageOf(response.data) || error.message;

  if (status === 401) {
    return new GitHubFailure(
      "bad-token",
      `GitHub refused the token (401 ${apiMessage}) when trying to ${context.action}: it is wrong, expired or revoked.`,
      [`gh auth login${hostFlag}   # or export GH_TOKEN=<a valid token>`],
    );
  }
  if (
    (status === 403 || status === 429) &&
    (header("x-ratelimit-remaining") === "0" || header("retry-after") !== "" || /rate limit/i.test(apiMessage))
  ) {
    return new GitHubFailure(
      "rate-limit",
      `GitHub's rate limit stopped the request to ${context.action}: ${apiMessage}. ${whenToRetry(header)}`,
      ["Wait until then, and run the remaining steps."],
    );
  }
  if (status === 403) {
    const accepted = header("x-accepted-oauth-scopes");
    const granted = header("x-oauth-scopes");
    if (accepted !== "" || /not accessible by (integration|personal access token)/i.test(apiMessage)) {
      const why =
        accepted !== ""
          ? `it needs the scope ${accepted} and has ${granted === "" ? "none" : granted}`
          : "it lacks a permission on that repository";
      return new GitHubFailure("missing-scope", `The token may not ${context.action} (403 ${apiMessage}): ${why}.`, [
        `gh auth refresh${hostFlag} --scopes repo,workflow   # for a gh login or a classic token`,
        "For a fine-grained token: give it Administration, Contents, Secrets and Workflows (read and write) and Actions (read) on the repository.",
      ]);
    }
  }
  if (status === 422 && /name already exists/i.test(JSON.stringify(response.data ?? ""))) {
    return new GitHubFailure("exists", `Could not ${context.action}: that name already exists on the account (422).`, [
      "If that repository is yours and empty, or already holds this app, run the remaining steps: they reuse it.",
      "Otherwise pick another name for it on GitHub (gh repo create <owner>/<another-name>) and push there.",
    ]);
  }
  if (status === 404) {
    return new GitHubFailure(
      "not-found",
      `GitHub answered 404 Not Found when trying to ${context.action}: it does not exist, or the token may not see it.`,
      ["Check the owner and repository names and that the token can access them."],
    );
  }
  return new GitHubFailure("api", `GitHub answered ${status} when trying to ${context.action}: ${apiMessage}.`);
}

function messageOf(data: unknown): string {
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") return data.message;
  return "";
}

function whenToRetry(header: (name: string) => string): string {
  const retryAfter = Number(header("retry-after"));
  if (retryAfter > 0) return `GitHub asks to retry after ${retryAfter} seconds.`;
  const reset = Number(header("x-ratelimit-reset"));
  if (reset > 0) return `The limit resets at ${new Date(reset * 1000).toISOString().replace(/\.\d+Z$/, "Z")}.`;
  return "Retry in a few minutes.";
}

function networkReason(error: unknown): string {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) return `${code} (${e.message})`;
    if (e.name === "TimeoutError") return "no answer before the timeout";
  }
  return error instanceof Error ? error.message : String(error);
}
