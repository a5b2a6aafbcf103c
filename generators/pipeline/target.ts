/** Where the app goes, and whether it may go there. */
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../cli/errors.js";

/** Entries an otherwise empty directory may already hold: we never write them. */
export const HARMLESS_ENTRIES = new Set([
  ".git",
  ".DS_Store",
  "Thumbs.db",
  "desktop.ini",
  "LICENSE",
  "LICENSE.md",
  "LICENSE.txt",
  ".idea",
  ".vscode",
]);

export interface TargetState {
  exists: boolean;
  /** Entries already present (only harmless ones, or the check throws). */
  existing: string[];
}

/** `ownStaging` is this run's staging directory, staged inside an existing target. */
export function inspectTarget(targetDir: string, outputPaths: readonly string[], ownStaging?: string): TargetState {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(targetDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { exists: false, existing: [] };
    throw new UsageError(`Cannot use ${targetDir}: ${(error as Error).message}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${targetDir} exists and is not a directory. Choose another name.`);

  const existing = fs.readdirSync(targetDir).filter((entry) => entry !== ownStaging);
  const ours = new Set(outputPaths.map((p) => p.split("/")[0]));
  const conflicts = existing.filter((entry) => !HARMLESS_ENTRIES.has(entry) || ours.has(entry)).sort();
  if (conflicts.length > 0) {
    const shown = conflicts.slice(0, 10).map((c) => `  ${c}`);
    if (conflicts.length > 10) shown.push(`  … and ${conflicts.length - 10} more`);
    throw new UsageError(
      `${targetDir} already exists and is not empty:\n${shown.join("\n")}\n` +
        "Choose a new directory, or move these files away. Nothing was changed.",
    );
  }
  return { exists: true, existing };
}

/** The closest ancestor that exists: where new directories would start. */
export function nearestExisting(dir: string): string {
  let current = dir;
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}
