/**
 * A bounded stream of requests through Caddy while something else happens
 * (a deploy): a few concurrent clients, each waiting for its reply before
 * the next request, at most `ratePerSecond` in total. Every non-2xx reply or
 * connection error counts as a failure.
 */
import { request } from "./http.js";

export interface LoadTarget {
  host: string;
  path: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  served: number;
  failed: number;
  failures: string[];
}

export function startLoad(targets: readonly LoadTarget[], clients = 4, ratePerSecond = 40): { stop: () => Promise<LoadResult> } {
  let running = true;
  const result: LoadResult = { served: 0, failed: 0, failures: [] };
  const gapMs = (1000 * clients) / ratePerSecond;
  const client = async (index: number): Promise<void> => {
    for (let i = index; running; i++) {
      const target = targets[i % targets.length] as LoadTarget;
      const started = Date.now();
      try {
        const reply = await request(target.host, target.path, { headers: target.headers, timeoutMs: 10_000 });
        if (reply.status >= 200 && reply.status < 300) result.served++;
        else {
          result.failed++;
          result.failures.push(`${target.host}${target.path}: ${reply.status} ${reply.text().slice(0, 200)}`);
        }
      } catch (error) {
        result.failed++;
        result.failures.push(`${target.host}${target.path}: ${(error as Error).message}`);
      }
      const wait = gapMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  const all = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return {
    stop: async () => {
      running = false;
      await all;
      return result;
    },
  };
}
