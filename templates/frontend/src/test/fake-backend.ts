/**
 * A stand-in for the backend in component tests: answers fetch calls from a table of
 * "METHOD /path" entries and records every request it saw.
 */
import { vi } from "vitest";

export interface Reply {
  status: number;
  body?: unknown;
}

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  credentials: RequestCredentials;
}

export function fakeBackend(replies: Record<string, Reply | (() => Reply)>) {
  const seen: SeenRequest[] = [];
  const fetch = vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    const key = `${input.method} ${url.pathname}`;
    const text = await input.text();
    seen.push({
      method: input.method,
      path: url.pathname + url.search,
      body: text ? JSON.parse(text) : undefined,
      credentials: input.credentials,
    });
    const entry = replies[key];
    if (!entry) throw new Error(`unexpected request ${key}`);
    const reply = typeof entry === "function" ? entry() : entry;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return { seen };
}
