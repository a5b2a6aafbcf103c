import path from "node:path";
import { need, type Step } from "../pipeline/context.js";
import { commitStaging, writeStaging } from "../pipeline/stage.js";
import { inspectTarget } from "../pipeline/target.js";

export const writeFilesStep: Step = async (ctx) => {
  const targetDir = need(ctx, "targetDir");
  const outputPaths = need(ctx, "files").map((f) => f.path);
  const before = inspectTarget(targetDir, outputPaths);
  const staging = writeStaging(targetDir, before.exists, need(ctx, "files"), ctx.created, ctx.writeFile);
  // The target may have changed while we wrote; check again right before the move.
  const now = inspectTarget(targetDir, outputPaths, path.basename(staging));
  commitStaging(staging, targetDir, now.exists, ctx.created);
};
