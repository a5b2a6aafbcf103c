/** Run `create` inside the test process with every outside effect captured. */
import { EventEmitter } from "node:events";
import { defaultContext, runCreate, CREATE_STEPS } from "../../generators/cli/main.js";
import type { Context, Step, WriteFile } from "../../generators/pipeline/context.js";
import type { Prompter } from "../../generators/options/prompter.js";

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  exits: number[];
  ctx: Context;
}

export interface InProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  isTTY?: boolean;
  prompter?: Prompter;
  writeFile?: WriteFile;
  templatesDir?: string;
  signals?: EventEmitter;
  steps?: readonly [string, Step][];
}

/** An env without CI markers or npm's variables, so runs don't depend on how vitest was started. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === "CI" || key.startsWith("npm_") || key === "CREATE_TOWLION_APP_PAUSE_BEFORE") continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export async function runInProcess(argv: string[], options: InProcessOptions): Promise<InProcessRun> {
  let stdout = "";
  let stderr = "";
  const exits: number[] = [];
  const base = defaultContext(argv);
  const ctx: Context = {
    ...base,
    io: {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      isTTY: options.isTTY ?? false,
      env: options.env ?? cleanEnv(),
      cwd: options.cwd,
    },
    prompter: async () => {
      if (!options.prompter) throw new Error("test: a prompt was shown but no prompter was given");
      return options.prompter;
    },
    signals: options.signals ?? new EventEmitter(),
    exit: (code) => void exits.push(code),
    writeFile: options.writeFile ?? base.writeFile,
    templatesDir: options.templatesDir ?? base.templatesDir,
  };
  const code = await runCreate(ctx, options.steps ?? CREATE_STEPS);
  return { code, stdout, stderr, exits, ctx };
}

/** A prompter that answers from a script, in order, and records every question. */
export function scriptedPrompter(answers: (string | boolean)[]): Prompter & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const next = (message: string): string | boolean => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`test: no scripted answer left for "${message}"`);
    return queue.shift() as string | boolean;
  };
  return {
    asked,
    text: async (message, _default, validate) => {
      const value = String(next(message));
      const problem = validate(value);
      if (problem) throw new Error(`test: scripted answer "${value}" rejected: ${problem}`);
      return value;
    },
    confirm: async (message) => Boolean(next(message)),
    select: async (message) => String(next(message)),
  };
}
