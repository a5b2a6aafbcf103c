/**
 * The state `create` carries from step to step. Steps are small functions of
 * this context; everything that touches the outside world (output, prompts,
 * signals, the file system's writes) comes in through it, so each step is
 * unit-tested without a terminal.
 */
import type { ParsedArgs } from "../cli/args.js";
import type { AppConfig } from "../app/config.js";
import type { Token } from "../github/token.js";
import type { Prompter } from "../options/prompter.js";
import type { Resolved } from "../options/resolve.js";
import type { CreatedPaths } from "./created-paths.js";
import type { RenderedFile } from "../render/rendered-file.js";
import type { SideEffect } from "./side-effects.js";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Both stdin and stdout are terminals. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Where SIGINT/SIGTERM come from: the process, or a test. */
export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
  off(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
}

export interface WriteFile {
  (absolutePath: string, content: Buffer, mode: number): void;
}

export interface Context {
  argv: readonly string[];
  io: Io;
  prompter: () => Promise<Prompter>;
  signals: SignalSource;
  /** Called once a signal has been handled; the real CLI exits the process. */
  exit: (code: number) => void;
  writeFile: WriteFile;
  templatesDir: string;
  version: string;
  created: CreatedPaths;

  parsed?: ParsedArgs;
  resolved?: Resolved;
  config?: AppConfig;
  /** With --github: the token, found before anything is written. Never printed. */
  githubToken?: Token;
  /** Absolute path of the directory the app ends up in. */
  targetDir?: string;
  files?: RenderedFile[];
  /** Everything outside the file list that this run does (or, in a dry run, would do). */
  effects: SideEffect[];
  warnings: string[];
  commit?: string;
}

/** A step does its part, or returns "done" when the run is complete (help, dry run). */
export type Step = (ctx: Context) => Promise<void | "done">;

/** Read a value an earlier step must have set; a missing one is a bug in the step order. */
export function need<K extends keyof Context>(ctx: Context, key: K): NonNullable<Context[K]> {
  const value = ctx[key];
  if (value === undefined || value === null) throw new Error(`internal: step needs ctx.${String(key)} before it is set`);
  return value as NonNullable<Context[K]>;
}
