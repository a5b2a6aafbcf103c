/** Everything `create` does besides writing the listed files, said in advance. */
import type { AppConfig } from "../app/config.js";
import { actionsSecretNames } from "../github/secrets-plan.js";

export interface SideEffect {
  area: "filesystem" | "git" | "github";
  description: string;
}

export function planSideEffects(config: AppConfig, targetDir: string, targetExists: boolean): SideEffect[] {
  const effects: SideEffect[] = [
    {
      area: "filesystem",
      description: targetExists
        ? `write the files into the existing directory ${targetDir}`
        : `create the directory ${targetDir}`,
    },
  ];
  if (config.git) {
    effects.push({ area: "git", description: "git init -b main, then commit every file as the first commit" });
  }
  if (config.github.enabled) {
    const owner = config.github.owner || "<the token's user>";
    const repo = `${owner}/${config.name}`;
    effects.push(
      { area: "github", description: `create the ${config.github.visibility} repository ${repo}` },
      { area: "github", description: `push main to https://github.com/${repo}.git (token in a header, never in the URL)` },
      { area: "github", description: `create the environment "production"` },
      { area: "github", description: `set the Actions secrets ${actionsSecretNames(config).join(", ")}` },
    );
  }
  return effects;
}
