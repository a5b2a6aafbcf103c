import { UsageError } from "../cli/errors.js";
import { oneShotCommand } from "../cli/one-shot.js";
import { need, type Context, type Step } from "../pipeline/context.js";

/**
 * --github: find the token before anything is written (from the environment or
 * `gh auth token`, no network), so a missing one costs the user nothing. A dry run
 * shows its plan anyway, with a warning.
 */
export const gitHubTokenStep: Step = async (ctx) => {
  if (!need(ctx, "config").github.enabled) return;
  const [{ gitHubEndpoints }, { findToken }, { GitHubFailure }] = await Promise.all([
    import("../github/endpoints.js"),
    import("../github/token.js"),
    import("../github/failures.js"),
  ]);
  try {
    ctx.githubToken = await findToken(ctx.io.env, gitHubEndpoints(ctx.io.env));
  } catch (error) {
    if (!(error instanceof GitHubFailure)) throw error;
    const problem = [error.message, ...error.fix].join("\n");
    if (!need(ctx, "parsed").mode.dryRun) throw new UsageError(`${problem}\nNothing was created.${runAgain(ctx)}`);
    ctx.warnings.push(`${problem}\nA real run stops here, before writing anything.`);
  }
};

/** After questions, the command that repeats the answers, so none has to be typed again. */
function runAgain(ctx: Context): string {
  const { directory, answers, prompted } = need(ctx, "resolved");
  return prompted.length > 0 ? ` Then run, without questions:\n  ${oneShotCommand(directory, answers)}` : "";
}
