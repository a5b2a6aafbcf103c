import { need, type Step } from "../pipeline/context.js";

/** Render every file in memory; nothing touches the disk yet. */
export const renderFilesStep: Step = async (ctx) => {
  const config = need(ctx, "config");
  // Loaded here, not at start-up: --help and bad input never pay for plop and EJS.
  const { renderApp } = await import("../app/render-app.js");
  ctx.files = await renderApp(ctx.templatesDir, config, () => ctx.created.throwIfInterrupted());
};
