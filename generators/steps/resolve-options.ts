import { toAppConfig } from "../app/config.js";
import { toAppOptions } from "../options/answers.js";
import { resolveAnswers } from "../options/resolve.js";
import { need, type Step } from "../pipeline/context.js";

export const resolveOptionsStep: Step = async (ctx) => {
  const parsed = need(ctx, "parsed");
  const { env } = ctx.io;
  const interactive = ctx.io.isTTY && !env.CI && !parsed.mode.json;
  ctx.resolved = await resolveAnswers(parsed, { cwd: ctx.io.cwd, interactive, prompter: ctx.prompter });
  ctx.config = toAppConfig(toAppOptions(ctx.resolved.directory, ctx.resolved.answers), ctx.version);
};
