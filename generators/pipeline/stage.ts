/**
 * Files are written to a staging directory on the same file system as the
 * target, then renamed into place: the target either receives everything or
 * is never touched.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { RenderedFile } from "../render/rendered-file.js";
import type { CreatedPaths } from "./created-paths.js";
import type { WriteFile } from "./context.js";

export async function writeStaging(
  targetDir: string,
  targetExists: boolean,
  files: readonly RenderedFile[],
  created: CreatedPaths,
  writeFile: WriteFile,
): Promise<string> {
  // An existing target (".") stages inside itself: its parent may not be ours to write.
  const parent = targetExists ? targetDir : path.dirname(targetDir);
  createDirectories(parent, created);
  const suffix = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  const staging = path.join(parent, `.${path.basename(targetDir)}.create-towlion-app-${suffix}`);
  created.add(staging);
  fs.mkdirSync(staging);

  for (const file of files) {
    created.throwIfInterrupted();
    await writeFile(path.join(staging, ...file.path.split("/")), file.content, file.mode);
  }
  return staging;
}

/** Move the staged tree into place; every moved entry is recorded as ours. */
export function commitStaging(staging: string, targetDir: string, targetExists: boolean, created: CreatedPaths): void {
  created.throwIfInterrupted();
  if (!targetExists) {
    created.add(targetDir);
    fs.renameSync(staging, targetDir);
    created.forget(staging);
    return;
  }
  for (const entry of fs.readdirSync(staging)) {
    const destination = path.join(targetDir, entry);
    created.add(destination);
    fs.renameSync(path.join(staging, entry), destination);
  }
  fs.rmdirSync(staging);
  created.forget(staging);
}

/** mkdir -p, recording the topmost directory it had to create. */
function createDirectories(dir: string, created: CreatedPaths): void {
  const missing: string[] = [];
  for (let current = dir; !fs.existsSync(current); current = path.dirname(current)) missing.unshift(current);
  if (missing.length === 0) return;
  created.add(missing[0] as string);
  fs.mkdirSync(dir, { recursive: true });
}

/** Creates missing parent directories; never overwrites (flag "wx"). */
export const writeFileDefault: WriteFile = async (absolutePath, content, mode) => {
  const { default: fse } = await import("fs-extra");
  await fse.outputFile(absolutePath, content, { mode, flag: "wx" });
};
