import path from "node:path";
import { need, type Step } from "../pipeline/context.js";
import { planSideEffects } from "../pipeline/side-effects.js";
import { inspectTarget, nearestExisting } from "../pipeline/target.js";

export const checkTargetStep: Step = async (ctx) => {
  const config = need(ctx, "config");
  const files = need(ctx, "files");
  const targetDir = path.resolve(ctx.io.cwd, need(ctx, "resolved").directory);
  const state = inspectTarget(
    targetDir,
    files.map((f) => f.path),
  );
  ctx.targetDir = targetDir;
  ctx.effects = planSideEffects(config, targetDir, state.exists);

  if (config.git && !state.existing.includes(".git")) {
    const { enclosingWorkTree } = await import("../git/first-commit.js");
    const top = await enclosingWorkTree(nearestExisting(targetDir), ctx.io.env);
    if (top && top !== targetDir)
      ctx.warnings.push(
        `${targetDir} is inside the git work tree of ${top}; the app gets its own repository nested in it.`,
      );
  }
};
