/** Generate an app with the built bin, the way a user would. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { builtBin, scratchRoot } from "./paths.js";

/** Flag sets used by the slow layers; each one is a row of the preset matrix. */
export const PRESET_FLAGS = {
  full: ["--preset", "full", "--email", "console"],
  api: ["--preset", "api", "--email", "console"],
  "no-worker": ["--frontend", "--no-worker", "--storage", "--email", "console"],
  "no-storage": ["--frontend", "--worker", "--no-storage", "--email", "console"],
  minimal: ["--preset", "minimal", "--email", "console"],
  smtp: ["--preset", "api", "--email", "smtp"],
  postmark: ["--preset", "api", "--email", "postmark"],
  ses: ["--preset", "api", "--email", "ses"],
} as const;
export type PresetName = keyof typeof PRESET_FLAGS;

/** A fresh, empty scratch directory under .tmp/test. */
export function scratchDir(label: string): string {
  fs.mkdirSync(scratchRoot, { recursive: true });
  return fs.mkdtempSync(path.join(scratchRoot, `${label}-`));
}

export function generateApp(
  parentDir: string,
  name: string,
  flags: readonly string[],
  options: { domain?: string; git?: boolean } = {},
): string {
  const args = [builtBin, name, "--domain", options.domain ?? "example.com", ...flags, "--yes"];
  if (options.git === false) args.push("--no-git");
  execFileSync(process.execPath, args, { cwd: parentDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1" } });
  return path.join(parentDir, name);
}
