import fs from "node:fs";
import path from "node:path";
import { GenerationError } from "../cli/errors.js";
import { need, type Step } from "../pipeline/context.js";

export const gitCommitStep: Step = async (ctx) => {
  const config = need(ctx, "config");
  if (!config.git) return;
  const targetDir = need(ctx, "targetDir");
  const gitDir = path.join(targetDir, ".git");
  if (!fs.existsSync(gitDir)) ctx.created.add(gitDir);
  try {
    const { initAndCommit } = await import("../git/first-commit.js");
    const result = await initAndCommit(targetDir, ctx.io.env, `Create ${config.name} with create-towlion-app ${ctx.version}`);
    ctx.commit = result.sha;
    if (result.identityWarning) ctx.warnings.push(result.identityWarning);
  } catch (error) {
    throw new GenerationError(
      `git could not make the first commit: ${(error as Error).message.trim()}\n` +
        "Fix git (or pass --no-git) and run the command again.",
    );
  }
};
