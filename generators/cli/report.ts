/** What the user reads at the end: a summary, or one JSON document with --json. */
import path from "node:path";
import type { Context } from "../pipeline/context.js";
import { need } from "../pipeline/context.js";
import { oneShotCommand, shellQuote } from "./one-shot.js";

export interface ResultJson {
  ok: true;
  dryRun: boolean;
  name: string;
  appDomain: string;
  directory: string;
  files: string[];
  effects: Context["effects"];
  commit: string | null;
  warnings: string[];
  command: string;
}

export function printResult(ctx: Context, { dryRun }: { dryRun: boolean }): void {
  const config = need(ctx, "config");
  const resolved = need(ctx, "resolved");
  const targetDir = need(ctx, "targetDir");
  const files = need(ctx, "files");
  const command = oneShotCommand(resolved.directory, resolved.answers);

  if (need(ctx, "parsed").mode.json) {
    const result: ResultJson = {
      ok: true,
      dryRun,
      name: config.name,
      appDomain: config.appDomain,
      directory: targetDir,
      files: files.map((f) => f.path),
      effects: ctx.effects,
      commit: ctx.commit ?? null,
      warnings: ctx.warnings,
      command,
    };
    ctx.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }

  const lines: string[] = [];
  for (const warning of ctx.warnings) ctx.io.stderr(`warning: ${warning}\n`);
  if (dryRun) {
    lines.push(`Dry run: nothing was written. create-towlion-app would generate ${files.length} files:`);
    for (const file of files) lines.push(`  ${file.path}`);
    lines.push("", "and then:");
    for (const effect of ctx.effects) lines.push(`  [${effect.area}] ${effect.description}`);
  } else {
    const commit = ctx.commit ? `, first commit ${ctx.commit.slice(0, 7)}` : "";
    lines.push(`Created ${config.name} in ${targetDir}: ${files.length} files${commit}.`, "", "Next steps:");
    const relative = path.relative(ctx.io.cwd, targetDir);
    if (relative !== "") lines.push(`  cd ${shellQuote(relative)}`);
    lines.push("  less README.md        # how to run it locally, test it and deploy it");
    lines.push(`  # it will be served at https://${config.appDomain}`);
  }
  if (resolved.prompted.length > 0) lines.push("", "To do the same again without questions:", `  ${command}`);
  ctx.io.stdout(`${lines.join("\n")}\n`);
}
