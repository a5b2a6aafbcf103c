import type { AppConfig } from "../config.js";

/**
 * One optional part of the generated app. Its files live in `templates/` like
 * every other file; this declaration is the only place that decides whether
 * they are generated.
 */
export interface Feature {
  name: string;
  enabled: (config: AppConfig) => boolean;
  /** Output paths owned by the feature: files, or folders ending in "/". */
  files: readonly string[];
}
