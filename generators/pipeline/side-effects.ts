/** Everything `create` does besides writing the listed files, said in advance. */
import type { AppConfig } from "../app/config.js";
import { actionsSecretNames, secretsWithoutValue } from "../github/secrets-plan.js";

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
    const secrets = actionsSecretNames(config);
    const byHand = secretsWithoutValue(config);
    const withValue = secrets.filter((name) => !byHand.includes(name));
    effects.push(
      {
        area: "github",
        description: `create the ${config.github.visibility} repository ${repo} (an existing one is reused only if it is empty or holds this app)`,
      },
      {
        area: "github",
        description: `push main to https://github.com/${repo}.git (token in a header for that push only, never in the URL or .git/config)`,
      },
    );
    if (withValue.length > 0)
      effects.push({
        area: "github",
        description: `set the Actions secrets ${withValue.join(", ")}, each sealed locally with the repository's public key`,
      });
    if (byHand.length > 0)
      effects.push({
        area: "github",
        description: `leave ${byHand.join(", ")} to set by hand (no value given) and print the gh commands for them`,
      });
    effects.push({ area: "github", description: `create the environment "production"` });
  }
  return effects;
}
