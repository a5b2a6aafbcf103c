import { need, type Step } from "../pipeline/context.js";
import { printResult } from "../cli/report.js";

/** --dry-run: say what would happen, then stop before the first write. */
export const dryRunStep: Step = async (ctx) => {
  if (!need(ctx, "parsed").mode.dryRun) return;
  printResult(ctx, { dryRun: true });
  return "done";
};
