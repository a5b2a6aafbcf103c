import { printResult } from "../cli/report.js";
import type { Step } from "../pipeline/context.js";

export const reportStep: Step = async (ctx) => {
  printResult(ctx, { dryRun: false });
};
