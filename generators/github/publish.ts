/**
 * The GitHub part of `create`, also run on its own by `towlion github` and,
 * for an existing repository such as a fork, `towlion secrets`:
 *
 *   token ─► repository (found or created) ─► push main ─► Actions secrets ─► environment
 *
 * Every step first looks at what is already there and skips what is done, so
 * running it again after a failure repeats nothing. A failure stops the run
 * with a PublishError that says what was done, what is left, and how to
 * finish by hand.
 */
import fs from "node:fs";
import path from "node:path";
import type { Visibility } from "../options/types.js";
import { connectGitHub, type GitHubApi, type Repository, type Viewer } from "./api.js";
import { cloneUrl, type GitHubEndpoints, gitHubEndpoints } from "./endpoints.js";
import { GitHubFailure } from "./failures.js";
import { BRANCH, ensureOrigin, localMain, pushMain, redact, remoteState, type PushTarget } from "./push.js";
import { planSecretValues, readKeyFiles, type SecretValue } from "./secret-values.js";
import { setActionsSecrets } from "./secrets.js";
import type { SecretInputs } from "./secrets-plan.js";
import { findToken, type Token } from "./token.js";
import { ENVIRONMENT, Tracker } from "./tracker.js";

interface CommonRequest {
  secrets: SecretInputs;
  /** Replace secrets that already exist (otherwise they are left as they are). */
  overwriteSecrets: boolean;
  /** Where a relative key file path is resolved. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  userAgent: string;
  /** One line of progress, for the user. Never given a secret. */
  say: (line: string) => void;
  /** Found already (`create` looks before it writes anything); otherwise found here. */
  token?: Token;
}

export interface PublishRequest extends CommonRequest {
  /** The local repository to push (the generated app). */
  dir: string;
  name: string;
  /** User or organisation; "" is the token's user. */
  owner: string;
  visibility: Visibility;
  description: string;
}

export interface SecretsRequest extends CommonRequest {
  /** owner/name of an existing repository, e.g. a fork. */
  repository: string;
}

export interface PublishResult {
  fullName: string;
  webUrl: string;
  done: string[];
  notes: string[];
  /** `gh secret set` commands for the secrets that were given no value. */
  byHand: string[];
}

/** A failure partway: what failed, what was done before it, and how to finish. */
export class PublishError extends Error {
  override readonly name = "PublishError";
  constructor(
    readonly failure: GitHubFailure,
    readonly done: readonly string[],
    readonly remaining: readonly string[],
    readonly handCommands: readonly string[],
  ) {
    super(failure.message);
  }
}

export async function publishToGitHub(request: PublishRequest): Promise<PublishResult> {
  const endpoints = gitHubEndpoints(request.env);
  const planned = planSecretValues(request.secrets, request.cwd, request.env);
  const tracker = new Tracker(
    { endpoints, owner: request.owner, name: request.name, visibility: request.visibility, secrets: planned },
    request.say,
  );
  return withReport(tracker, async () => {
    const secrets = readKeyFiles(planned);
    const localSha = await localMain(request.dir, request.env);
    const { token, api, viewer } = await connect(request, endpoints);
    tracker.setOwner(request.owner || viewer.login);
    requireScopes(viewer, token, endpoints, hasWorkflows(request.dir) ? ["repo", "workflow"] : ["repo"]);
    const repo = await findOrCreateRepository(api, viewer, request, tracker);
    await pushToRepository(
      repo,
      localSha,
      {
        dir: request.dir,
        url: cloneUrl(endpoints, repo.fullName),
        serverUrl: endpoints.serverUrl,
        token: token.value,
        env: request.env,
      },
      tracker,
    );
    return configureRepository(api, repo, secrets, request, endpoints, tracker);
  });
}

/** Secrets and environment on a repository that already exists and already has its code (a fork). */
export async function configureExisting(request: SecretsRequest): Promise<PublishResult> {
  const endpoints = gitHubEndpoints(request.env);
  const planned = planSecretValues(request.secrets, request.cwd, request.env);
  const [owner = "", name = ""] = request.repository.split("/");
  const tracker = new Tracker({ endpoints, owner, name, visibility: "private", secrets: planned }, request.say);
  tracker.repository = tracker.pushed = tracker.origin = true;
  tracker.fullName = request.repository;
  return withReport(tracker, async () => {
    const secrets = readKeyFiles(planned);
    const { token, api, viewer } = await connect(request, endpoints);
    requireScopes(viewer, token, endpoints, ["repo"]);
    const repo = await api.repository(owner, name);
    if (!repo)
      throw new GitHubFailure(
        "not-found",
        `There is no repository ${request.repository} that the token's user ${viewer.login} can see.`,
        ["Check the name (owner/name), and that the token may access that repository."],
      );
    tracker.fullName = repo.fullName;
    if (repo.fork)
      tracker.noted(
        `${repo.fullName} is a fork: GitHub keeps its workflows off until you enable them on ${endpoints.serverUrl}/${repo.fullName}/actions`,
      );
    return configureRepository(api, repo, secrets, request, endpoints, tracker);
  });
}

async function withReport(tracker: Tracker, run: () => Promise<PublishResult>): Promise<PublishResult> {
  try {
    return await run();
  } catch (error) {
    const failure =
      error instanceof GitHubFailure
        ? error
        : new GitHubFailure(
            "api",
            `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
    throw new PublishError(failure, tracker.done, tracker.remaining(), tracker.handCommands());
  }
}

async function connect(
  request: CommonRequest,
  endpoints: GitHubEndpoints,
): Promise<{ token: Token; api: GitHubApi; viewer: Viewer }> {
  const token = request.token ?? (await findToken(request.env, endpoints));
  const api = await connectGitHub(token.value, endpoints, request.userAgent);
  const viewer = await api.viewer();
  request.say(`GitHub: signed in as ${viewer.login} (token from ${token.source})`);
  return { token, api, viewer };
}

/**
 * A classic token names its scopes: check them before changing anything, so a
 * missing one never leaves a repository half set up. Fine-grained tokens have
 * permissions instead, which GitHub checks call by call.
 */
function requireScopes(viewer: Viewer, token: Token, endpoints: GitHubEndpoints, needed: string[]): void {
  if (!viewer.scopes) return;
  const missing = needed.filter((scope) => !viewer.scopes?.includes(scope));
  if (missing.length === 0) return;
  const hostFlag = endpoints.isDotCom ? "" : ` --hostname ${endpoints.host}`;
  throw new GitHubFailure(
    "missing-scope",
    `The token from ${token.source} lacks the scope ${missing.join(" and ")} (it has: ${viewer.scopes.join(", ") || "none"}); ` +
      `this needs ${needed.join(" and ")}. Nothing was changed on GitHub.`,
    [
      token.source === "gh auth token"
        ? `gh auth refresh${hostFlag} --scopes ${needed.join(",")}`
        : `Give the token in ${token.source} the scopes ${needed.join(", ")} (or unset it and use: gh auth login${hostFlag} --scopes ${needed.join(",")})`,
    ],
  );
}

function hasWorkflows(dir: string): boolean {
  const workflows = path.join(dir, ".github", "workflows");
  return fs.existsSync(workflows) && fs.readdirSync(workflows).length > 0;
}

async function findOrCreateRepository(
  api: GitHubApi,
  viewer: Viewer,
  request: PublishRequest,
  tracker: Tracker,
): Promise<Repository> {
  const owner = request.owner || viewer.login;
  const existing = await api.repository(owner, request.name);
  if (existing) {
    if (existing.canPush === false)
      throw new GitHubFailure(
        "exists",
        `The repository ${existing.fullName} already exists and ${viewer.login} may not push to it.`,
        ["Choose another name or owner for the GitHub repository."],
      );
    tracker.fullName = existing.fullName;
    tracker.repository = true;
    const visibility = existing.private ? "private" : "public";
    const mismatch =
      visibility === request.visibility
        ? ""
        : ` (it is ${visibility}; change that on GitHub if you wanted it ${request.visibility})`;
    tracker.noted(
      `GitHub: the repository ${existing.fullName} already exists; checking that it is empty or holds this app${mismatch}`,
    );
    return existing;
  }
  const organisation = owner.toLowerCase() !== viewer.login.toLowerCase();
  try {
    const created = await api.createRepository({
      owner,
      organisation,
      name: request.name,
      private: request.visibility === "private",
      description: request.description,
    });
    tracker.fullName = created.fullName;
    tracker.repository = true;
    tracker.did(`GitHub: created the ${request.visibility} repository ${created.fullName}`);
    return created;
  } catch (error) {
    if (error instanceof GitHubFailure && error.kind === "not-found" && organisation)
      throw new GitHubFailure(
        "not-found",
        `Cannot create ${owner}/${request.name}: "${owner}" is not an organisation in which ${viewer.login} may create repositories.`,
        [`Leave out --github-owner to create it under ${viewer.login}, or ask an owner of ${owner} for access.`],
      );
    throw error;
  }
}

async function pushToRepository(
  repo: Repository,
  localSha: string,
  target: PushTarget,
  tracker: Tracker,
): Promise<void> {
  const state = await remoteState(target, localSha);
  if (state.kind === "foreign")
    throw new GitHubFailure(
      "exists",
      `The repository ${repo.fullName} already exists and ${state.detail}; nothing was pushed to it.`,
      [
        "Create the app's repository under another name or owner (--github-owner), or push by hand if you mean to merge the two histories.",
      ],
    );
  const origin = await ensureOrigin(target.dir, target.url, target.env);
  tracker.origin = origin.kind !== "other";
  if (origin.kind === "added") tracker.did(`git: origin is ${target.url}`);
  if (origin.kind === "other")
    tracker.noted(`git: origin already points at ${redact(origin.url, target.token)}; left as it is`);
  const short = localSha.slice(0, 7);
  if (state.kind === "same") {
    tracker.pushed = true;
    tracker.noted(`GitHub: ${BRANCH} (${short}) is already pushed`);
    return;
  }
  await pushMain(target, origin.kind !== "other");
  tracker.pushed = true;
  tracker.did(`GitHub: pushed ${BRANCH} (${short}) to ${target.url}`);
}

async function configureRepository(
  api: GitHubApi,
  repo: Repository,
  secrets: readonly SecretValue[],
  request: CommonRequest,
  endpoints: GitHubEndpoints,
  tracker: Tracker,
): Promise<PublishResult> {
  const outcome = await setActionsSecrets(api, repo, secrets, {
    overwrite: request.overwriteSecrets,
    onSet: (name) => tracker.secretsInPlace.add(name),
  });
  for (const name of outcome.kept) tracker.secretsInPlace.add(name);
  if (outcome.set.length > 0) tracker.did(`GitHub: set the Actions secrets ${outcome.set.join(", ")}`);
  if (outcome.kept.length > 0)
    tracker.noted(
      `GitHub: the Actions secrets ${outcome.kept.join(", ")} already exist; left as they are` +
        (secrets.some((s) => outcome.kept.includes(s.name) && s.value !== undefined)
          ? " (--overwrite-secrets replaces them)"
          : ""),
    );

  const environments = await api.environmentNames(repo);
  if (environments.has(ENVIRONMENT)) tracker.noted(`GitHub: the environment ${ENVIRONMENT} already exists`);
  else {
    await api.createEnvironment(repo, ENVIRONMENT);
    tracker.did(`GitHub: created the environment ${ENVIRONMENT}`);
  }
  tracker.environment = true;

  return {
    fullName: repo.fullName,
    webUrl: `${endpoints.serverUrl}/${repo.fullName}`,
    done: tracker.done,
    notes: tracker.notes,
    byHand: tracker.commandsFor(outcome.byHand),
  };
}
