import { need, type Step } from "../pipeline/context.js";

/** Render every file in memory; nothing touches the disk yet. */
export const renderFilesStep: Step = async (ctx) => {
  const config = need(ctx, "config");
  // Loaded here, not at start-up: --help and bad input never pay for plop and EJS.
  const [{ runGenerator }, { appGenerator }] = await Promise.all([
    import("../plop/run-generator.js"),
    import("../app/generator.js"),
  ]);
  ctx.files = await runGenerator(appGenerator(ctx.templatesDir), { config }, () => ctx.created.throwIfInterrupted());
};
