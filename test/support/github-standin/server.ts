/**
 * A local stand-in for the GitHub REST API, for the operations `create` and
 * `towlion` use. It behaves as GitHub documents (tokens and their scopes or
 * permissions, 401/403/404/422, rate limits, repository creation backed by a
 * real git server, Actions secrets sealed against a per-repository key) and
 * holds itself to GitHub's OpenAPI description:
 *
 * - every request is checked (route, method, path and query parameters, body,
 *   User-Agent); anything off is recorded in `violations` and answered 400,
 *   and an unknown route is answered 404 and recorded too;
 * - every response is validated against the operation's response schema for
 *   that status before it is sent (a status the operation does not list is
 *   allowed only for the errors GitHub gives on any operation, 401/403/404/429,
 *   with the spec's basic-error body, and noted in `undocumented`).
 *
 * Tests assert `violations` is empty. Secrets are decrypted with libsodium's
 * own crypto_box_seal_open, so a test can check each value.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import sodium from "libsodium-wrappers";
import { GitServer } from "../git-server.js";
import {
  basicError,
  environment,
  fullRepository,
  privateUser,
  type Account,
  type EnvironmentRecord,
  type RepositoryRecord,
  type Urls,
} from "./fixtures.js";
import {
  describeErrors,
  GLOBAL_ERROR_STATUSES,
  loadSpec,
  type Operation,
  type OperationId,
  type Spec,
} from "./spec.js";

export type Permission = "read" | "write";

export interface TokenGrant {
  login: string;
  /** classic: OAuth scopes (sent back in X-OAuth-Scopes); fine-grained: repository permissions. */
  kind: "classic" | "fine-grained";
  scopes?: string[];
  permissions?: Partial<Record<"administration" | "contents" | "secrets" | "actions", Permission>>;
  /** Fine-grained tokens see all of the user's repositories or only the ones listed. */
  repositories?: "all" | string[];
}

export interface Fault {
  status: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface LoggedRequest {
  operation: OperationId | "unknown";
  method: string;
  path: string;
  status: number;
}

interface SecretRecord {
  value: string;
  createdAt: string;
  updatedAt: string;
}

interface Repo extends RepositoryRecord {
  fullName: string;
  secrets: Map<string, SecretRecord>;
  environments: Map<string, EnvironmentRecord>;
  keyPair: { publicKey: Uint8Array; privateKey: Uint8Array };
  keyId: string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Call {
  operation: Operation;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  grant: TokenGrant;
}

const RATE_LIMIT = 5000;

export class GitHubStandin {
  readonly violations: string[] = [];
  /** Error statuses answered on an operation whose description does not list them (basic-error body). */
  readonly undocumented: string[] = [];
  readonly requests: LoggedRequest[] = [];
  /** Remaining requests in the current window; 0 makes every request a rate-limit error. */
  rateLimitRemaining = RATE_LIMIT;

  private readonly accounts = new Map<string, Account & { members: Set<string> }>();
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly repos = new Map<string, Repo>();
  private readonly faults = new Map<OperationId, Fault[]>();
  private nextId = 1000;
  private server: http.Server | undefined;
  private urls: Urls = { api: "", web: "" };

  private constructor(
    private readonly spec: Spec,
    readonly git: GitServer,
  ) {}

  /** Starts the API stand-in and, behind it, a real git server for the repositories it creates. */
  static async start(
    scratch: string = fs.mkdtempSync(path.join(os.tmpdir(), "github-standin-")),
  ): Promise<GitHubStandin> {
    await sodium.ready;
    let self: GitHubStandin | undefined;
    const git = await GitServer.start(
      path.join(scratch, "git"),
      (request) => self?.gitAccess(request) ?? "unauthenticated",
    );
    self = new GitHubStandin(loadSpec(), git);
    const server = http.createServer((req, res) => void self?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self.server = server;
    self.urls = { api: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, web: git.url };
    return self;
  }

  get apiUrl(): string {
    return this.urls.api;
  }

  /** GITHUB_SERVER_URL: the git server, where https://github.com would be. */
  get serverUrl(): string {
    return this.urls.web;
  }

  /** Stops the API (the git server keeps running unless `git` is stopped too). */
  async stopApi(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async stop(): Promise<void> {
    await this.stopApi();
    await this.git.stop();
  }

  // ── state ──────────────────────────────────────────────────────────────

  addUser(login: string): void {
    this.accounts.set(login.toLowerCase(), { login, id: this.nextId++, type: "User", members: new Set() });
  }

  addOrganisation(login: string, members: string[]): void {
    this.accounts.set(login.toLowerCase(), {
      login,
      id: this.nextId++,
      type: "Organization",
      members: new Set(members.map((m) => m.toLowerCase())),
    });
  }

  addToken(token: string, grant: TokenGrant): void {
    this.tokens.set(token, grant);
  }

  /** A repository that already exists (optionally a fork), with an empty bare git repository behind it. */
  addRepository(owner: string, name: string, options: { private?: boolean; fork?: boolean } = {}): string {
    const account = this.accounts.get(owner.toLowerCase());
    if (!account) throw new Error(`stand-in: no account ${owner}`);
    return this.createRepo(account, name, options.private ?? true, options.fork ?? false, null).fullName;
  }

  /** Commits files straight into a repository's bare git repository (history the app does not share). */
  seedCommit(fullName: string, files: Record<string, string>): string {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "standin-seed-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", work, "-c", "user.name=Someone Else", "-c", "user.email=else@example.com", ...args], {
        encoding: "utf8",
      }).trim();
    git("init", "--quiet", "--initial-branch=main");
    for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(work, file), content);
    git("add", "--all");
    git("commit", "--quiet", "-m", "Someone else's work");
    git("push", "--quiet", this.git.repoPath(fullName), "main");
    const sha = git("rev-parse", "HEAD");
    fs.rmSync(work, { recursive: true, force: true });
    return sha;
  }

  repository(fullName: string): { private: boolean; secrets: Map<string, string>; environments: string[] } | undefined {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) return undefined;
    return {
      private: repo.private,
      secrets: new Map([...repo.secrets].map(([name, s]) => [name, s.value])),
      environments: [...repo.environments.keys()],
    };
  }

  /** The next call of this operation gets this answer instead (still validated against the spec). */
  failNext(operation: OperationId, fault: Fault): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), fault]);
  }

  calls(operation: OperationId): LoggedRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  // ── HTTP ───────────────────────────────────────────────────────────────

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", this.urls.api);
    const method = req.method ?? "GET";
    const logged: LoggedRequest = { operation: "unknown", method, path: url.pathname, status: 0 };
    this.requests.push(logged);
    const send = (reply: Reply, operation?: Operation, grant?: TokenGrant): void => {
      logged.status = reply.status;
      if (operation) this.checkResponse(operation, reply);
      const body = reply.body === undefined ? "" : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...(body ? { "content-type": "application/json; charset=utf-8" } : {}),
        "x-github-media-type": "github.v3; format=json",
        "x-github-request-id": `STANDIN:${this.requests.length}`,
        ...this.rateLimitHeaders(),
        ...(grant?.kind === "classic" ? { "x-oauth-scopes": (grant.scopes ?? []).join(", ") } : {}),
        ...reply.headers,
      });
      res.end(body);
    };

    const match = this.route(method, url.pathname);
    if (!match) {
      this.violations.push(`unknown route: ${method} ${url.pathname}`);
      return send({ status: 404, body: basicError(`stand-in: no such operation: ${method} ${url.pathname}`, 404) });
    }
    const { operation, params } = match;
    logged.operation = operation.id;
    const checked = this.checkRequest(operation, params, url.searchParams, req.headers, Buffer.concat(chunks));
    if (typeof checked === "string") {
      this.violations.push(`${operation.id}: ${checked}`);
      return send({ status: 400, body: basicError(`stand-in: request does not match the spec: ${checked}`, 400) });
    }

    if (this.rateLimitRemaining <= 0) {
      return send(
        {
          status: 403,
          body: basicError(
            "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
            403,
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
          ),
        },
        operation,
      );
    }
    this.rateLimitRemaining -= 1;

    const grant = this.tokens.get(tokenOf(req.headers.authorization));
    if (!grant) return send({ status: 401, body: basicError("Bad credentials", 401) }, operation);

    const fault = this.faults.get(operation.id)?.shift();
    if (fault)
      return send(
        { status: fault.status, body: fault.body ?? basicError("injected", fault.status), headers: fault.headers },
        operation,
        grant,
      );

    send(this.dispatch({ operation, params, query: url.searchParams, body: checked, grant }), operation, grant);
  }

  private route(
    method: string,
    pathname: string,
  ): { operation: Operation; params: Record<string, string> } | undefined {
    for (const operation of this.spec.operations) {
      if (operation.method !== method) continue;
      const m = pathname.match(operation.pattern);
      if (!m) continue;
      const params = Object.fromEntries(
        operation.pathNames.map((name, i) => [name, decodeURIComponent(m[i + 1] as string)]),
      );
      return { operation, params };
    }
    return undefined;
  }

  /** The parsed body when the request matches the operation's description, else what is wrong. */
  private checkRequest(
    operation: Operation,
    params: Record<string, string>,
    query: URLSearchParams,
    headers: http.IncomingHttpHeaders,
    raw: Buffer,
  ): Record<string, unknown> | undefined | string {
    if (!headers["user-agent"]) return "no User-Agent header (GitHub rejects such requests)";
    for (const parameter of operation.parameters) {
      const given =
        parameter.in === "path"
          ? params[parameter.name]
          : parameter.in === "query"
            ? query.get(parameter.name)
            : undefined;
      if (given === undefined || given === null) {
        if (parameter.required) return `missing ${parameter.in} parameter ${parameter.name}`;
        continue;
      }
      const value =
        parameter.type === "integer" || parameter.type === "number"
          ? Number(given)
          : parameter.type === "boolean"
            ? given === "true"
            : given;
      if (!parameter.validate(value))
        return `${parameter.in} parameter ${parameter.name}=${given}: ${describeErrors(parameter.validate)}`;
    }
    for (const name of query.keys())
      if (!operation.parameters.some((p) => p.in === "query" && p.name === name))
        return `unknown query parameter ${name}`;

    if (raw.length === 0) return operation.body?.required ? "missing request body" : undefined;
    if (!operation.body) return "a body was sent to an operation that takes none";
    if (!String(headers["content-type"] ?? "").startsWith("application/json"))
      return `body sent as ${headers["content-type"]}, not JSON`;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return "body is not JSON";
    }
    if (!operation.body.validate(body)) return `body: ${describeErrors(operation.body.validate)}`;
    const known = operation.body.properties;
    if (known && body && typeof body === "object") {
      const unknown = Object.keys(body).filter((key) => !known.includes(key));
      if (unknown.length > 0) return `body has fields the operation does not define: ${unknown.join(", ")}`;
    }
    return (body ?? undefined) as Record<string, unknown> | undefined;
  }

  private checkResponse(operation: Operation, reply: Reply): void {
    const documented = operation.responses.get(reply.status);
    const where = `${operation.id} answered ${reply.status}`;
    if (documented) {
      if (!documented.validate) {
        if (reply.body !== undefined) this.violations.push(`${where} with a body the spec does not describe`);
      } else if (!documented.validate(reply.body))
        this.violations.push(`${where}: response breaks the spec: ${describeErrors(documented.validate)}`);
      return;
    }
    if ((GLOBAL_ERROR_STATUSES as readonly number[]).includes(reply.status)) {
      this.undocumented.push(`${operation.id} ${reply.status}`);
      if (!this.spec.basicError(reply.body))
        this.violations.push(`${where}: error body breaks basic-error: ${describeErrors(this.spec.basicError)}`);
      return;
    }
    this.violations.push(`${where}, a status its description does not list`);
  }

  private rateLimitHeaders(): Record<string, string> {
    const remaining = Math.max(this.rateLimitRemaining, 0);
    return {
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-used": String(RATE_LIMIT - remaining),
      "x-ratelimit-resource": "core",
    };
  }

  // ── operations ─────────────────────────────────────────────────────────

  private dispatch(call: Call): Reply {
    const user = this.accounts.get(call.grant.login.toLowerCase());
    if (!user) throw new Error(`stand-in: token for unknown user ${call.grant.login}`);
    switch (call.operation.id) {
      case "users/get-authenticated":
        return { status: 200, body: privateUser(user, this.urls, "2020-01-01T00:00:00Z") };
      case "repos/create-for-authenticated-user":
        return this.createRepository(call, user);
      case "repos/create-in-org": {
        const org = this.accounts.get((call.params.org ?? "").toLowerCase());
        if (!org || org.type !== "Organization") return { status: 404, body: basicError("Not Found", 404) };
        if (!org.members.has(user.login.toLowerCase()))
          return {
            status: 403,
            body: basicError("You need admin access to the organization before adding a repository to it.", 403),
          };
        return this.createRepository(call, org);
      }
      default:
        return this.repositoryOperation(call, user);
    }
  }

  private createRepository(call: Call, owner: Account): Reply {
    const body = call.body ?? {};
    const isPrivate = body.private === true;
    const denied = this.deny(call, isPrivate ? ["repo"] : ["public_repo", "repo"], ["administration", "write"]);
    if (denied) return denied;
    const name = String(body.name);
    if (this.repos.has(`${owner.login}/${name}`.toLowerCase()))
      return {
        status: 422,
        body: {
          message: "Repository creation failed.",
          errors: [
            { resource: "Repository", code: "custom", field: "name", message: "name already exists on this account" },
          ],
          documentation_url: "https://docs.github.com/rest/repos/repos#create-a-repository-for-the-authenticated-user",
          status: "422",
        },
      };
    const repo = this.createRepo(
      owner,
      name,
      isPrivate,
      false,
      typeof body.description === "string" ? body.description : null,
    );
    return {
      status: 201,
      body: fullRepository(repo, this.urls, { admin: true, push: true, pull: true }, null),
      headers: { location: `${this.urls.api}/repos/${repo.fullName}` },
    };
  }

  private repositoryOperation(call: Call, user: Account): Reply {
    const repo = this.repos.get(`${call.params.owner}/${call.params.repo}`.toLowerCase());
    if (!repo || !this.canSee(call.grant, repo)) return { status: 404, body: basicError("Not Found", 404) };
    const readScope = repo.private ? ["repo"] : [];
    switch (call.operation.id) {
      case "repos/get": {
        const denied = this.deny(call, readScope, undefined);
        if (denied) return denied;
        const admin = this.isMember(user, repo.owner);
        return { status: 200, body: fullRepository(repo, this.urls, { admin, push: admin, pull: true }, null) };
      }
      case "actions/list-repo-secrets": {
        const denied = this.deny(call, ["repo"], ["secrets", "read"]);
        if (denied) return denied;
        const secrets = [...repo.secrets].map(([name, s]) => ({
          name,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        }));
        return { status: 200, body: { total_count: secrets.length, secrets } };
      }
      case "actions/get-repo-public-key": {
        const denied = this.deny(call, ["repo"], ["secrets", "read"]);
        if (denied) return denied;
        return {
          status: 200,
          body: { key_id: repo.keyId, key: Buffer.from(repo.keyPair.publicKey).toString("base64") },
        };
      }
      case "actions/create-or-update-repo-secret":
        return this.putSecret(call, repo);
      case "repos/get-all-environments": {
        const denied = this.deny(call, readScope, ["actions", "read"]);
        if (denied) return denied;
        const environments = [...repo.environments.values()].map((e) => environment(repo.fullName, e, this.urls));
        return { status: 200, body: { total_count: environments.length, environments } };
      }
      case "repos/create-or-update-environment": {
        const denied = this.deny(call, ["repo"], ["administration", "write"]);
        if (denied) return denied;
        const name = call.params.environment_name ?? "";
        const now = timestamp();
        const record = repo.environments.get(name) ?? { id: this.nextId++, name, createdAt: now, updatedAt: now };
        record.updatedAt = now;
        repo.environments.set(name, record);
        return { status: 200, body: environment(repo.fullName, record, this.urls) };
      }
      default:
        throw new Error(`stand-in: ${call.operation.id} has no handler`);
    }
  }

  private putSecret(call: Call, repo: Repo): Reply {
    const denied = this.deny(call, ["repo"], ["secrets", "write"]);
    if (denied) return denied;
    const name = call.params.secret_name ?? "";
    const body = call.body ?? {};
    if (body.key_id !== repo.keyId) {
      this.violations.push(`secret ${name}: key_id ${String(body.key_id)} is not the repository's (${repo.keyId})`);
      return { status: 404, body: basicError("Not Found", 404) };
    }
    let value: string;
    try {
      const opened = sodium.crypto_box_seal_open(
        Buffer.from(String(body.encrypted_value), "base64"),
        repo.keyPair.publicKey,
        repo.keyPair.privateKey,
      );
      value = Buffer.from(opened).toString("utf8");
    } catch {
      this.violations.push(`secret ${name}: crypto_box_seal_open could not open the value`);
      return { status: 404, body: basicError("Not Found", 404) };
    }
    const now = timestamp();
    const existing = repo.secrets.get(name);
    repo.secrets.set(name, { value, createdAt: existing?.createdAt ?? now, updatedAt: now });
    return existing ? { status: 204 } : { status: 201, body: {} };
  }

  // ── access ─────────────────────────────────────────────────────────────

  private createRepo(
    owner: Account,
    name: string,
    isPrivate: boolean,
    fork: boolean,
    description: string | null,
  ): Repo {
    const keyPair = sodium.crypto_box_keypair();
    const repo: Repo = {
      id: this.nextId++,
      owner: { login: owner.login, id: owner.id, type: owner.type },
      name,
      private: isPrivate,
      fork,
      description,
      createdAt: timestamp(),
      secrets: new Map(),
      environments: new Map(),
      keyPair: { publicKey: keyPair.publicKey, privateKey: keyPair.privateKey },
      keyId: String(568250167242549743n + BigInt(this.nextId++)),
      fullName: `${owner.login}/${name}`,
    };
    this.repos.set(repo.fullName.toLowerCase(), repo);
    this.git.createBare(repo.fullName);
    return repo;
  }

  private isMember(user: Account, owner: Account): boolean {
    if (owner.login.toLowerCase() === user.login.toLowerCase()) return true;
    return this.accounts.get(owner.login.toLowerCase())?.members.has(user.login.toLowerCase()) ?? false;
  }

  private canSee(grant: TokenGrant, repo: Repo): boolean {
    const user = this.accounts.get(grant.login.toLowerCase());
    if (!user) return false;
    if (repo.private && !this.isMember(user, repo.owner)) return false;
    // A classic token without the repo scope does not see private repositories at all.
    if (grant.kind === "classic" && repo.private && !grant.scopes?.includes("repo")) return false;
    if (grant.kind === "fine-grained" && grant.repositories !== undefined && grant.repositories !== "all")
      return grant.repositories.some((r) => r.toLowerCase() === `${repo.owner.login}/${repo.name}`.toLowerCase());
    return true;
  }

  /** A 403 when the token lacks the scope (classic) or the permission (fine-grained) the operation needs. */
  private deny(
    call: Call,
    scopes: string[],
    permission: [keyof NonNullable<TokenGrant["permissions"]>, Permission] | undefined,
  ): Reply | undefined {
    const { grant } = call;
    if (grant.kind === "classic") {
      if (scopes.length === 0 || scopes.some((s) => grant.scopes?.includes(s))) return undefined;
      return {
        status: 403,
        body: basicError("Resource not accessible by personal access token", 403),
        headers: { "x-accepted-oauth-scopes": scopes.join(", ") },
      };
    }
    if (!permission) return undefined;
    const [area, level] = permission;
    const granted = grant.permissions?.[area];
    if (granted === "write" || granted === level) return undefined;
    return { status: 403, body: basicError("Resource not accessible by personal access token", 403) };
  }

  private gitAccess(request: {
    fullName: string;
    write: boolean;
    token: string;
  }): "ok" | "unauthenticated" | "forbidden" | "missing" {
    const grant = this.tokens.get(request.token);
    if (!grant) return "unauthenticated";
    const repo = this.repos.get(request.fullName.toLowerCase());
    if (!repo || !this.canSee(grant, repo)) return "missing";
    const user = this.accounts.get(grant.login.toLowerCase());
    if (request.write && (!user || !this.isMember(user, repo.owner))) return "forbidden";
    if (grant.kind === "classic")
      return grant.scopes?.includes("repo") || (!repo.private && grant.scopes?.includes("public_repo"))
        ? "ok"
        : "forbidden";
    const contents = grant.permissions?.contents;
    return contents === "write" || (!request.write && contents === "read") ? "ok" : "forbidden";
  }
}

function tokenOf(header: string | undefined): string {
  const match = (header ?? "").match(/^(?:token|bearer)\s+(.+)$/i);
  return match?.[1]?.trim() ?? "";
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}
