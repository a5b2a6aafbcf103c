/** `create-towlion-app`: the steps of `create`, run in order over one context. */
import tty from "node:tty";
import { CreatedPaths } from "../pipeline/created-paths.js";
import type { Context, Step } from "../pipeline/context.js";
import { writeFileDefault } from "../pipeline/stage.js";
import { isPromptCancel, terminalPrompter } from "../options/prompter.js";
import { checkTargetStep } from "../steps/check-target.js";
import { dryRunStep } from "../steps/dry-run.js";
import { gitCommitStep } from "../steps/git-commit.js";
import { gitHubStep } from "../steps/github.js";
import { gitHubTokenStep } from "../steps/github-token.js";
import { parseArgsStep } from "../steps/parse-args.js";
import { renderFilesStep } from "../steps/render-files.js";
import { reportStep } from "../steps/report.js";
import { resolveOptionsStep } from "../steps/resolve-options.js";
import { writeFilesStep } from "../steps/write-files.js";
import { exitCodeOf, InterruptedError } from "./errors.js";
import { packageRoot, packageVersion, templatesDir } from "./package-info.js";

export const CREATE_STEPS: readonly [string, Step][] = [
  ["parse-args", parseArgsStep],
  ["resolve-options", resolveOptionsStep],
  ["github-token", gitHubTokenStep],
  ["render-files", renderFilesStep],
  ["check-target", checkTargetStep],
  ["dry-run", dryRunStep],
  ["write-files", writeFilesStep],
  ["git-commit", gitCommitStep],
  ["github", gitHubStep],
  ["report", reportStep],
];

export function defaultContext(argv: readonly string[]): Context {
  const root = packageRoot();
  return {
    argv,
    io: {
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
      // isatty(), not process.stdin.isTTY: creating the stdin stream costs a few ms.
      isTTY: tty.isatty(0) && tty.isatty(1),
      env: process.env,
      cwd: process.cwd(),
    },
    prompter: terminalPrompter,
    signals: process,
    exit: (code) => process.exit(code),
    writeFile: writeFileDefault,
    templatesDir: templatesDir(root),
    version: packageVersion(root),
    created: new CreatedPaths(),
    effects: [],
    warnings: [],
  };
}

/** Runs `create`; resolves to the exit code. Never leaves a partial app behind. */
export async function runCreate(ctx: Context, steps: readonly [string, Step][] = CREATE_STEPS): Promise<number> {
  const onSignal = (signal: "SIGINT" | "SIGTERM") => () => {
    ctx.created.interrupt(signal);
    // Once the app is complete (the GitHub step forgot what it created), it is kept.
    const appIsKept = ctx.created.list().length === 0 && ctx.commit !== undefined;
    ctx.created.removeAll();
    const message = appIsKept
      ? `Interrupted (${signal}). The app in ${ctx.targetDir} is complete and kept; finish the GitHub part with: npx -p create-towlion-app towlion github`
      : new InterruptedError(signal).message;
    ctx.io.stderr(`\n${message}\n`);
    ctx.exit(130);
  };
  const handlers = { SIGINT: onSignal("SIGINT"), SIGTERM: onSignal("SIGTERM") };
  ctx.signals.on("SIGINT", handlers.SIGINT);
  ctx.signals.on("SIGTERM", handlers.SIGTERM);
  try {
    for (const [name, step] of steps) {
      ctx.created.throwIfInterrupted();
      await pauseForDebugging(ctx, name);
      if ((await step(ctx)) === "done") break;
    }
    return 0;
  } catch (caught) {
    const error = isPromptCancel(caught) ? new InterruptedError() : caught;
    const cleanupProblems = ctx.created.removeAll();
    reportError(ctx, error, cleanupProblems);
    return exitCodeOf(error);
  } finally {
    ctx.signals.off("SIGINT", handlers.SIGINT);
    ctx.signals.off("SIGTERM", handlers.SIGTERM);
  }
}

function reportError(ctx: Context, error: unknown, cleanupProblems: string[]): void {
  const known = error instanceof Error && error.name !== "Error";
  const message = error instanceof Error ? error.message : String(error);
  const text = known ? message : `Unexpected error: ${error instanceof Error ? (error.stack ?? message) : message}`;
  if (ctx.parsed?.mode.json) {
    ctx.io.stdout(`${JSON.stringify({ ok: false, error: message, exitCode: exitCodeOf(error) }, null, 2)}\n`);
  }
  ctx.io.stderr(`${text}\n`);
  for (const problem of cleanupProblems) ctx.io.stderr(`cleanup: ${problem}\n`);
}

/**
 * CREATE_TOWLION_APP_PAUSE_BEFORE=<step> stops before that step for a minute,
 * so a person (or the SIGINT test) can interrupt a run at a known point.
 */
async function pauseForDebugging(ctx: Context, step: string): Promise<void> {
  if (ctx.io.env.CREATE_TOWLION_APP_PAUSE_BEFORE !== step) return;
  ctx.io.stderr(`paused before ${step}\n`);
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}

export async function main(argv: readonly string[]): Promise<number> {
  return runCreate(defaultContext(argv));
}
