import { toAppConfig } from "../app/config.js";
import { UsageError } from "../cli/errors.js";
import { toAppOptions } from "../options/answers.js";
import { resolveAnswers } from "../options/resolve.js";
import { need, type Step } from "../pipeline/context.js";

export const resolveOptionsStep: Step = async (ctx) => {
  const parsed = need(ctx, "parsed");
  const { env } = ctx.io;
  const interactive = ctx.io.isTTY && !env.CI && !parsed.mode.json;
  ctx.resolved = await resolveAnswers(parsed, { cwd: ctx.io.cwd, interactive, prompter: ctx.prompter });
  ctx.config = toAppConfig(toAppOptions(ctx.resolved.directory, ctx.resolved.answers), ctx.version);
  await checkDeployKey(ctx.resolved.answers.sshKeyFile, ctx.io.cwd, env);
};

/** A wrong --ssh-key is an input error: say so before anything is written, not after. */
async function checkDeployKey(file: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (file === "") return;
  const { readKeyFiles, resolveKeyPath } = await import("../github/secret-values.js");
  try {
    readKeyFiles([{ name: "SERVER_SSH_KEY", value: undefined, handInput: "", file: resolveKeyPath(file, cwd, env) }]);
  } catch (error) {
    const { fix = [] } = error as { fix?: readonly string[] };
    throw new UsageError([(error as Error).message, ...fix].join("\n"));
  }
}
