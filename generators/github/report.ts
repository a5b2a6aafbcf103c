/** What the user reads when the GitHub part stops partway, and when it leaves secrets to set by hand. */
import { shellQuote } from "../cli/one-shot.js";
import { GitHubFailure } from "./failures.js";
import { PublishError } from "./publish.js";

export interface UnfinishedContext {
  /** Where the commands run: the app's directory (absent when they run anywhere). */
  dir?: string;
  /** Said first, e.g. that the generated app is complete and stays. */
  preface?: string;
  /** The command that picks up where this run stopped (absent when there is no such command). */
  resumeCommand?: string;
}

export function unfinishedMessage(error: PublishError | GitHubFailure, context: UnfinishedContext): string {
  const failure = error instanceof PublishError ? error.failure : error;
  const lines = [failure.message, ...failure.fix.map((fix) => `  ${fix}`), ""];
  if (context.preface) lines.push(context.preface);
  if (error instanceof PublishError) {
    if (error.done.length > 0) lines.push("Done:", ...error.done.map(bullet));
    if (error.remaining.length > 0) lines.push("Still to do:", ...error.remaining.map(bullet));
  }
  const inDir = context.dir ? [`  cd ${shellQuote(context.dir)}`] : [];
  if (context.resumeCommand)
    lines.push(
      "",
      "To finish, deal with the cause above, then run this (it skips what is already done):",
      ...inDir,
      `  ${context.resumeCommand}`,
    );
  if (error instanceof PublishError && error.handCommands.length > 0)
    lines.push(
      "",
      context.resumeCommand ? "or finish by hand:" : "To finish by hand:",
      ...inDir,
      ...error.handCommands.map((c) => `  ${c}`),
    );
  return lines.join("\n");
}

export function byHandMessage(commands: readonly string[]): string {
  return `These Actions secrets were given no value; set them before the first deploy:\n${commands.map((c) => `  ${c}`).join("\n")}`;
}

function bullet(line: string): string {
  return `  - ${line.replace(/^(GitHub|git): /, "")}`;
}
