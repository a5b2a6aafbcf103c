/** AppConfigs for each preset, built through the same option code the CLI uses. */
import { toAppConfig, type AppConfig } from "../../generators/app/config.js";
import { parseArgs } from "../../generators/cli/args.js";
import { toAppOptions } from "../../generators/options/answers.js";
import { resolveAnswers } from "../../generators/options/resolve.js";
import { PRESET_FLAGS, type PresetName } from "./generate.js";

export async function presetConfig(preset: PresetName, name = "shop"): Promise<AppConfig> {
  const parsed = parseArgs([name, "--domain", "example.com", ...PRESET_FLAGS[preset], "--yes"]);
  const resolved = await resolveAnswers(parsed, {
    cwd: "/nonexistent",
    interactive: false,
    prompter: () => Promise.reject(new Error("no prompts in tests")),
  });
  return toAppConfig(toAppOptions(resolved.directory, resolved.answers), "0.0.0-test");
}
