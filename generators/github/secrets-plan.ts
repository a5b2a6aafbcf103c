import type { AppConfig } from "../app/config.js";

/** The Actions secrets the generated workflows read (see CONTRACT.md). */
export function actionsSecretNames(config: AppConfig): string[] {
  const names = ["SERVER_HOST", "SERVER_USER", "SERVER_SSH_KEY", "APP_DOMAIN"];
  if (config.github.previewDomain) names.push("PREVIEW_DOMAIN");
  return names;
}
