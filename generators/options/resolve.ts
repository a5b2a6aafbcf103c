/**
 * Flags + prompts + defaults → complete, validated answers.
 * Every value is checked once here; nothing invalid is ever replaced by a default.
 */
import path from "node:path";
import type { ParsedArgs } from "../cli/args.js";
import { UsageError } from "../cli/errors.js";
import type { AnswerKey, Answers } from "./answers.js";
import type { Prompter } from "./prompter.js";
import { QUESTIONS, type Question } from "./questions.js";
import { DEFAULT_PRESET } from "./types.js";

export interface Resolved {
  directory: string;
  answers: Answers;
  /** Keys answered at a prompt, for the one-shot command printed afterwards. */
  prompted: AnswerKey[];
}

export interface ResolveEnv {
  cwd: string;
  /** A person can answer prompts (terminal attached, not CI, no --json). */
  interactive: boolean;
  prompter: () => Promise<Prompter>;
}

export async function resolveAnswers(parsed: ParsedArgs, env: ResolveEnv): Promise<Resolved> {
  const given: Partial<Answers> = { ...parsed.given };
  const nameFromDirectory = given.name === undefined && parsed.directory !== undefined;
  if (nameFromDirectory) given.name = path.basename(path.resolve(env.cwd, parsed.directory as string));
  // --github pushes a repository, so it answers the git question too (--no-git is still refused).
  if (given.github === true) given.git ??= true;
  rejectInvalid(given, nameFromDirectory);

  const askPeople = env.interactive && !parsed.mode.yes;
  if (!askPeople && !parsed.mode.yes) rejectMissing(given);

  const answers: Partial<Answers> = {};
  const prompted: AnswerKey[] = [];
  const preset = parsed.preset ?? DEFAULT_PRESET;
  let prompter: Prompter | undefined;
  for (const q of QUESTIONS) {
    const applies = q.when?.(answers) ?? true;
    const value = given[q.key];
    if (value !== undefined) {
      if (!applies && value !== false) throw new UsageError(notApplicable(q));
      set(answers, q.key, value);
    } else if (applies && askPeople) {
      prompter ??= await env.prompter();
      set(answers, q.key, await ask(prompter, q, q.default(answers, preset)));
      prompted.push(q.key);
    } else {
      set(answers, q.key, q.default(answers, preset));
    }
  }
  const complete = answers as Answers;
  return { directory: parsed.directory ?? complete.name, answers: complete, prompted };
}

function set<K extends AnswerKey>(answers: Partial<Answers>, key: K, value: Answers[K] | unknown): void {
  (answers as Record<string, unknown>)[key] = value;
}

async function ask(prompter: Prompter, q: Question, fallback: Answers[AnswerKey]): Promise<Answers[AnswerKey]> {
  switch (q.kind) {
    case "text":
      return prompter.text(q.prompt, String(fallback), q.validate);
    case "boolean":
      return prompter.confirm(q.prompt, fallback === true);
    case "choice":
      return prompter.select(q.prompt, q.choices, String(fallback));
  }
}

/** All invalid flag values at once, so one retry fixes them all. */
function rejectInvalid(given: Partial<Answers>, nameFromDirectory: boolean): void {
  const problems: string[] = [];
  for (const q of QUESTIONS) {
    const value = given[q.key];
    if (q.kind !== "text" || typeof value !== "string") continue;
    const problem = q.validate(value);
    if (!problem) continue;
    const fromDirectory = q.key === "name" && nameFromDirectory;
    problems.push(fromDirectory ? `${problem} It comes from the directory name; pass --name to choose another.` : problem);
  }
  if (problems.length > 0) throw new UsageError(problems.join("\n"));
}

function rejectMissing(given: Partial<Answers>): void {
  const missing = QUESTIONS.filter((q) => q.required && given[q.key] === undefined);
  if (missing.length === 0) return;
  const what = missing.map((q) => (q.key === "name" ? "app name (a directory argument or --name)" : `--${q.flag}`));
  throw new UsageError(
    `Missing ${what.join(" and ")}; no terminal is attached to ask for ${missing.length > 1 ? "them" : "it"}.\n` +
      "Pass them as arguments, for example:\n" +
      "  npx create-towlion-app@latest my-app --domain example.com\n" +
      "or add --yes to accept the defaults (my-app on localhost).",
  );
}

function notApplicable(q: Question): string {
  if (q.key === "github") return "--github needs git: remove --no-git.";
  return `--${q.flag} only applies with --github.`;
}
