/**
 * Files are written to a staging directory on the same file system as the
 * target, then renamed into place: the target either receives everything or
 * is never touched.
 */
import fs from "node:fs";
import path from "node:path";
import type { RenderedFile } from "../render/rendered-file.js";
import type { CreatedPaths } from "./created-paths.js";
import type { WriteFile } from "./context.js";

export function writeStaging(
  targetDir: string,
  targetExists: boolean,
  files: readonly RenderedFile[],
  created: CreatedPaths,
  writeFile: WriteFile,
): string {
  // An existing target (".") stages inside itself: its parent may not be ours to write.
  const parent = targetExists ? targetDir : path.dirname(targetDir);
  createDirectories(parent, created);
  // Unique enough: mkdir refuses a name that exists. (node:crypto would cost 4-5 ms to load.)
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const staging = path.join(parent, `.${path.basename(targetDir)}.create-towlion-app-${suffix}`);
  created.add(staging);
  fs.mkdirSync(staging);

  // Synchronous on purpose: for many small files, a loop of plain system calls is about
  // twice as fast as the thread pool on a two-core server (README, design notes).
  for (const dir of stagingDirectories(files)) fs.mkdirSync(path.join(staging, dir));
  for (const file of files) {
    created.throwIfInterrupted();
    writeFile(path.join(staging, file.path), file.content, file.mode);
  }
  return staging;
}

/**
 * Every directory the files need ("/"-separated, relative), parents before children:
 * each path's prefixes go in shortest first, so a parent is always in the set already.
 */
function stagingDirectories(files: readonly RenderedFile[]): Set<string> {
  const dirs = new Set<string>();
  for (const file of files) {
    for (let slash = file.path.indexOf("/"); slash !== -1; slash = file.path.indexOf("/", slash + 1)) {
      dirs.add(file.path.slice(0, slash));
    }
  }
  return dirs;
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

/**
 * Never overwrites (flag "wx"); writeStaging has made the directories. Plain
 * node:fs rather than fs-extra's outputFile, which re-checks every parent
 * directory (README, design notes).
 */
export const writeFileDefault: WriteFile = (absolutePath, content, mode) =>
  fs.writeFileSync(absolutePath, content, { mode, flag: "wx" });
