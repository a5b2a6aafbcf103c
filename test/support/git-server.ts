/**
 * A real git server on loopback: git's own `git http-backend` (smart HTTP,
 * fetch and push) behind a small Node HTTP server that demands a token, as
 * GitHub does, through Basic (any user name, the token as password) or Bearer
 * authentication. Repositories live as bare repositories under `root`.
 */
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface GitRequest {
  method: string;
  /** e.g. /alice/shop.git/info/refs */
  path: string;
  service: string | undefined;
  /** How the request authenticated: the scheme, or "none". */
  auth: "basic" | "bearer" | "none";
  status: number;
}

export interface GitAccess {
  /** The repository ("owner/name"), the service and the token: may this token do this? */
  (request: { fullName: string; write: boolean; token: string }): "ok" | "unauthenticated" | "forbidden" | "missing";
}

export class GitServer {
  readonly requests: GitRequest[] = [];
  /** Every Authorization header value the server received, to check where the token travelled. */
  readonly authorizations: string[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly root: string,
    readonly url: string,
  ) {}

  static async start(root: string, access: GitAccess): Promise<GitServer> {
    fs.mkdirSync(root, { recursive: true });
    let self: GitServer | undefined;
    const server = http.createServer((req, res) => self?.handle(req, res, access));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    self = new GitServer(server, root, `http://127.0.0.1:${port}`);
    return self;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  repoPath(fullName: string): string {
    return path.join(this.root, `${fullName}.git`);
  }

  /** An empty bare repository, as GitHub makes one when a repository is created. */
  createBare(fullName: string): void {
    const dir = this.repoPath(fullName);
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", dir]);
  }

  /** The commit a branch points at, or undefined. */
  branch(fullName: string, branch = "main"): string | undefined {
    try {
      return execFileSync(
        "git",
        ["--git-dir", this.repoPath(fullName), "rev-parse", "--verify", "--quiet", `refs/heads/${branch}`],
        {
          encoding: "utf8",
        },
      ).trim();
    } catch {
      return undefined;
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, access: GitAccess): void {
    const url = new URL(req.url ?? "/", this.url);
    const service = url.searchParams.get("service") ?? url.pathname.match(/\/(git-[a-z-]+)$/)?.[1];
    const record: GitRequest = { method: req.method ?? "", path: url.pathname, service, auth: "none", status: 0 };
    this.requests.push(record);
    const finish = (status: number, message: string): void => {
      record.status = status;
      const headers: http.OutgoingHttpHeaders = { "content-type": "text/plain" };
      if (status === 401) headers["www-authenticate"] = 'Basic realm="git stand-in"';
      res.writeHead(status, headers).end(`${message}\n`);
    };

    const match = url.pathname.match(/^\/([^/]+\/[^/]+?)\.git(\/.*)$/);
    if (!match) return finish(404, "not a repository path");
    const [, fullName = "", rest = ""] = match;
    const header = req.headers.authorization ?? "";
    if (header) this.authorizations.push(header);
    const token = tokenOf(header);
    record.auth = header.startsWith("Basic ") ? "basic" : header.startsWith("Bearer ") ? "bearer" : "none";
    const write = service === "git-receive-pack" || rest.endsWith("git-receive-pack");
    const verdict = token ? access({ fullName, write, token }) : "unauthenticated";
    if (verdict === "unauthenticated") return finish(401, "Authentication required");
    if (verdict === "forbidden") return finish(403, "Permission denied");
    if (verdict === "missing" || !fs.existsSync(this.repoPath(fullName))) return finish(404, "Repository not found");
    this.runBackend(req, res, url, record);
  }

  /** CGI: request in on stdin, "Status:" and headers, then the body, out on stdout. */
  private runBackend(req: http.IncomingMessage, res: http.ServerResponse, url: URL, record: GitRequest): void {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: this.root,
      GIT_HTTP_EXPORT_ALL: "1",
      PATH_INFO: url.pathname,
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method,
      CONTENT_TYPE: req.headers["content-type"] ?? "",
      REMOTE_USER: "token-holder", // lets http-backend accept pushes
      REMOTE_ADDR: "127.0.0.1",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: this.root,
    };
    if (req.headers["content-length"]) env.CONTENT_LENGTH = req.headers["content-length"];
    if (req.headers["content-encoding"]) env.HTTP_CONTENT_ENCODING = req.headers["content-encoding"];
    if (req.headers["git-protocol"]) env.HTTP_GIT_PROTOCOL = String(req.headers["git-protocol"]);
    const backend = spawn("git", ["http-backend"], { env, stdio: ["pipe", "pipe", "pipe"] });
    req.pipe(backend.stdin);
    let head = Buffer.alloc(0);
    let headersSent = false;
    backend.stdout.on("data", (chunk: Buffer) => {
      if (headersSent) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) return;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      record.status = status;
      res.writeHead(status, headers);
      headersSent = true;
      res.write(head.subarray(end + 4));
    });
    backend.stderr.resume();
    backend.on("close", () => {
      if (!headersSent) {
        record.status = 500;
        res.writeHead(500).end("http-backend failed\n");
      } else res.end();
    });
  }
}

function tokenOf(header: string): string | undefined {
  if (header.startsWith("Bearer ")) return header.slice(7).trim() || undefined;
  if (header.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon === -1 ? undefined : decoded.slice(colon + 1) || undefined;
  }
  return undefined;
}
