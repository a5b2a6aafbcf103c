import { appGenerator } from "../app/generator.js";
import { need, type Step } from "../pipeline/context.js";
import { runGenerator } from "../plop/run-generator.js";

/** Render every file in memory; nothing touches the disk yet. */
export const renderFilesStep: Step = async (ctx) => {
  const config = need(ctx, "config");
  ctx.files = await runGenerator(appGenerator(ctx.templatesDir), { config }, () => ctx.created.throwIfInterrupted());
};
