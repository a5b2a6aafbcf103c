/**
 * Requests through a Caddy (the platform's, or a standalone app's) by host name,
 * over HTTPS, trusting only that Caddy's own local CA (it issues certificates
 * for *.localhost names).
 */
import fs from "node:fs";
import https from "node:https";
import { data, HTTPS_PORT } from "./server.js";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: () => string;
  json: <T = unknown>() => T;
}

/** A Caddy on a loopback port, and the root of the local CA it issues certificates from. */
export interface Endpoint {
  port: number;
  ca: () => Buffer;
}

let platformCa: Buffer | undefined;
/** The platform's Caddy (the default). */
export const PLATFORM: Endpoint = {
  port: HTTPS_PORT,
  ca: () => (platformCa ??= fs.readFileSync(`${data}/caddy/data/caddy/pki/authorities/local/root.crt`)),
};

const agents = new Map<string, https.Agent>();
function agentFor(host: string, endpoint: Endpoint): https.Agent {
  const key = `${host}:${endpoint.port}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new https.Agent({ keepAlive: true, ca: endpoint.ca(), servername: host, maxSockets: 16 });
    agents.set(key, agent);
  }
  return agent;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  endpoint?: Endpoint;
}

/**
 * A GET sent on a kept-alive connection that the server closed at that very
 * moment (Caddy closes idle connections when it reloads) fails with a reset;
 * browsers send such idempotent requests again on a new connection (RFC 9110,
 * 9.2.2), and so does this client, once. A new connection, not another pooled
 * one: the reload closes every idle connection at once, so the next pooled one
 * may be just as dead. The count is reported with the figures.
 */
export const retriedOnClosedConnection = { count: 0 };

export async function request(host: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const idempotent = ["GET", "HEAD"].includes(options.method ?? "GET");
  try {
    return await send(host, path, options);
  } catch (error) {
    if (!(idempotent && (error as { reusedSocket?: boolean }).reusedSocket)) throw error;
    retriedOnClosedConnection.count++;
    return send(host, path, options, "new connection").catch((again: Error) => {
      throw Object.assign(again, { message: `${again.message} (sent again on a new connection)` });
    });
  }
}

function send(
  host: string,
  path: string,
  options: RequestOptions,
  connection: "pooled" | "new connection" = "pooled",
): Promise<Reply> {
  const endpoint = options.endpoint ?? PLATFORM;
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        port: endpoint.port,
        servername: host,
        method: options.method ?? "GET",
        path,
        headers: { host, ...options.headers },
        ...(connection === "pooled" ? { agent: agentFor(host, endpoint) } : { agent: false, ca: endpoint.ca() }),
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString("utf8"),
            json: <T>() => JSON.parse(body.toString("utf8")) as T,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${host}${path}`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      const reset = error.code === "ECONNRESET" && req.reusedSocket;
      reject(Object.assign(error, { reusedSocket: reset }));
    });
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** A signed-in user of one app: the session cookie as a browser keeps it. */
export class Browser {
  private cookie = "";
  constructor(
    readonly host: string,
    readonly endpoint: Endpoint = PLATFORM,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const reply = await request(this.host, path, {
      endpoint: this.endpoint,
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const setCookie = reply.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : []) {
      const pair = line.split(";")[0] ?? "";
      if (pair.startsWith("session=")) this.cookie = /max-age=0|expires=Thu, 01 Jan 1970/i.test(line) ? "" : pair;
    }
    return reply;
  }
}

export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
