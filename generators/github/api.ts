/**
 * The few GitHub REST calls `create` and `towlion` make, through @octokit/rest.
 * Octokit is imported on first use, so a run without --github never loads it
 * (esbuild puts it in a chunk of its own).
 */
import type { Octokit } from "@octokit/rest";
import type { GitHubEndpoints } from "./endpoints.js";
import { describeApiError } from "./failures.js";

export interface Viewer {
  login: string;
  /** The scopes of a classic or OAuth token; undefined for fine-grained and app tokens, which have none. */
  scopes: string[] | undefined;
}

export interface Repository {
  /** "owner/name" as GitHub spells it. */
  fullName: string;
  owner: string;
  name: string;
  private: boolean;
  fork: boolean;
  /** The token's user may push (undefined when GitHub does not say). */
  canPush: boolean | undefined;
}

export interface PublicKey {
  keyId: string;
  /** base64 of the 32-byte X25519 key. */
  key: string;
}

export interface NewRepository {
  owner: string;
  /** Create under an organisation rather than under the token's user. */
  organisation: boolean;
  name: string;
  private: boolean;
  description: string;
}

export interface GitHubApi {
  viewer(): Promise<Viewer>;
  /** undefined when it does not exist (or the token may not see it). */
  repository(owner: string, name: string): Promise<Repository | undefined>;
  createRepository(input: NewRepository): Promise<Repository>;
  secretNames(repo: Repository): Promise<Set<string>>;
  publicKey(repo: Repository): Promise<PublicKey>;
  putSecret(repo: Repository, name: string, encryptedValue: string, keyId: string): Promise<void>;
  environmentNames(repo: Repository): Promise<Set<string>>;
  createEnvironment(repo: Repository, name: string): Promise<void>;
}

/** Each request gives up after this long, so a silent network never hangs the command. */
const REQUEST_TIMEOUT_MS = 30_000;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export async function connectGitHub(token: string, endpoints: GitHubEndpoints, userAgent: string): Promise<GitHubApi> {
  const { Octokit } = await import("@octokit/rest");
  const octokit = new Octokit({
    auth: token,
    baseUrl: endpoints.apiUrl,
    userAgent,
    log: quiet,
    request: {
      fetch: (url: string | URL, init?: RequestInit) =>
        fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    },
  });
  return new OctokitApi(octokit, endpoints);
}

type RepoData = Awaited<ReturnType<Octokit["rest"]["repos"]["get"]>>["data"];

class OctokitApi implements GitHubApi {
  constructor(
    private readonly octokit: Octokit,
    private readonly endpoints: GitHubEndpoints,
  ) {}

  /** Runs one call; any failure becomes a GitHubFailure that names the action. */
  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw describeApiError(error, { action, apiUrl: this.endpoints.apiUrl, host: this.endpoints.host });
    }
  }

  viewer(): Promise<Viewer> {
    return this.call("read the token's user", async () => {
      const { data, headers } = await this.octokit.rest.users.getAuthenticated();
      const scopes = headers["x-oauth-scopes"];
      return {
        login: data.login,
        scopes:
          typeof scopes === "string"
            ? scopes
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean)
            : undefined,
      };
    });
  }

  async repository(owner: string, name: string): Promise<Repository | undefined> {
    try {
      const { data } = await this.octokit.rest.repos.get({ owner, repo: name });
      return toRepository(data);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw describeApiError(error, {
        action: `look up the repository ${owner}/${name}`,
        apiUrl: this.endpoints.apiUrl,
        host: this.endpoints.host,
      });
    }
  }

  createRepository(input: NewRepository): Promise<Repository> {
    const body = { name: input.name, private: input.private, description: input.description, auto_init: false };
    const visibility = input.private ? "private" : "public";
    return this.call(`create the ${visibility} repository ${input.owner}/${input.name}`, async () => {
      const { data } = input.organisation
        ? await this.octokit.rest.repos.createInOrg({ org: input.owner, ...body })
        : await this.octokit.rest.repos.createForAuthenticatedUser(body);
      return toRepository(data);
    });
  }

  secretNames(repo: Repository): Promise<Set<string>> {
    return this.call(`list the Actions secrets of ${repo.fullName}`, async () => {
      const secrets = await this.octokit.paginate(this.octokit.rest.actions.listRepoSecrets, {
        owner: repo.owner,
        repo: repo.name,
        per_page: 100,
      });
      return new Set(secrets.map((s) => s.name));
    });
  }

  publicKey(repo: Repository): Promise<PublicKey> {
    return this.call(`read the Actions public key of ${repo.fullName}`, async () => {
      const { data } = await this.octokit.rest.actions.getRepoPublicKey({ owner: repo.owner, repo: repo.name });
      return { keyId: data.key_id, key: data.key };
    });
  }

  putSecret(repo: Repository, name: string, encryptedValue: string, keyId: string): Promise<void> {
    return this.call(`set the Actions secret ${name} of ${repo.fullName}`, async () => {
      await this.octokit.rest.actions.createOrUpdateRepoSecret({
        owner: repo.owner,
        repo: repo.name,
        secret_name: name,
        encrypted_value: encryptedValue,
        key_id: keyId,
      });
    });
  }

  environmentNames(repo: Repository): Promise<Set<string>> {
    return this.call(`list the environments of ${repo.fullName}`, async () => {
      // One page: a repository rarely has 100 environments, and creating one that exists only updates it.
      const { data } = await this.octokit.rest.repos.getAllEnvironments({
        owner: repo.owner,
        repo: repo.name,
        per_page: 100,
      });
      return new Set((data.environments ?? []).map((e) => e.name));
    });
  }

  createEnvironment(repo: Repository, name: string): Promise<void> {
    return this.call(`create the environment ${name} in ${repo.fullName}`, async () => {
      await this.octokit.rest.repos.createOrUpdateEnvironment({
        owner: repo.owner,
        repo: repo.name,
        environment_name: name,
      });
    });
  }
}

function toRepository(data: RepoData): Repository {
  return {
    fullName: data.full_name,
    owner: data.owner.login,
    name: data.name,
    private: data.private,
    fork: data.fork,
    canPush: data.permissions?.push,
  };
}
