import { parseArgs } from "../cli/args.js";
import { helpText } from "../cli/help.js";
import { detectSwallowedFlags } from "../cli/npm-flags.js";
import type { Step } from "../pipeline/context.js";

export const parseArgsStep: Step = async (ctx) => {
  detectSwallowedFlags(ctx.argv, ctx.io.env);
  ctx.parsed = parseArgs(ctx.argv);
  if (ctx.parsed.mode.help) {
    ctx.io.stdout(helpText(ctx.version));
    return "done";
  }
  if (ctx.parsed.mode.version) {
    ctx.io.stdout(`${ctx.version}\n`);
    return "done";
  }
};
