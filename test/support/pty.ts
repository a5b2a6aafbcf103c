/** Drive a command through a real pseudo-terminal, as a person at a keyboard would. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./paths.js";

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b[=>]|\r/g;

export const KEYS = { enter: "\r", down: "\u001b[B", up: "\u001b[A", ctrlC: "\u0003" } as const;

export class PtySession {
  private readonly child: ChildProcessWithoutNullStreams;
  private raw = "";
  readonly exited: Promise<number | null>;

  constructor(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    const relay = path.join(repoRoot, "test", "support", "pty-relay.py");
    this.child = spawn("python3", [relay, command, ...args], { cwd: options.cwd, env: options.env });
    this.child.stdout.on("data", (chunk: Buffer) => (this.raw += chunk.toString("utf8")));
    this.child.stderr.on("data", (chunk: Buffer) => (this.raw += chunk.toString("utf8")));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  /** Everything shown so far, without terminal control sequences. */
  get screen(): string {
    return this.raw.replace(ANSI, "");
  }

  /** Wait until `text` appears after `from` characters of output; returns where it ended. */
  async waitFor(text: string, from = 0, timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.screen.indexOf(text, from);
      if (index !== -1) return index + text.length;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen:\n${this.screen}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }
}
