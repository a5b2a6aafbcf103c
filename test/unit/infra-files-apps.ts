/**
 * Generated apps of every preset, for the static checks of their deploy files
 * and workflows, and the real tools those checks run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { generateApp, PRESET_FLAGS, type PresetName, scratchDir } from "../support/generate.js";
import { toolsBin } from "../support/paths.js";

export const PRESETS = Object.keys(PRESET_FLAGS) as PresetName[];

/** Presets whose feature set differs; the email presets only change the backend. */
export const FEATURE_PRESETS: readonly PresetName[] = ["full", "api", "no-worker", "no-storage", "minimal"];

/** Generates one app per preset (no git) with the built bin; returns preset → app folder. */
export function generatePresetApps(label: string, presets: readonly PresetName[] = PRESETS): Map<PresetName, string> {
  const parent = scratchDir(label);
  const apps = new Map<PresetName, string>();
  for (const preset of presets) {
    apps.set(preset, generateApp(parent, `app-${preset}`, PRESET_FLAGS[preset], { git: false }));
  }
  return apps;
}

/** A tool from .tmp/tools/bin (installed by scripts/install-deps.sh), else from PATH. */
export function tool(name: string): string {
  const local = path.join(toolsBin, name);
  return fs.existsSync(local) ? local : name;
}

export interface ToolResult {
  status: number;
  output: string;
}

export function runTool(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): ToolResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, PATH: `${toolsBin}:${process.env.PATH ?? ""}`, ...options.env },
    input: options.input,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/** Every file under dir (relative paths), for "nothing refers to X" checks. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
