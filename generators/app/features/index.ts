/** The manifest: every optional part of the generated app, in one list. */
import type { AppConfig } from "../config.js";
import { emailProviders } from "./email.js";
import { frontend } from "./frontend.js";
import { frontendStorage } from "./frontend-storage.js";
import { storage } from "./storage.js";
import type { Feature } from "./types.js";
import { worker } from "./worker.js";

export type { Feature } from "./types.js";

export const FEATURES: readonly Feature[] = [frontend, frontendStorage, worker, storage, ...emailProviders];

function owns(feature: Feature, outputPath: string): boolean {
  return feature.files.some((p) => (p.endsWith("/") ? outputPath.startsWith(p) : outputPath === p));
}

/** A file is generated unless a disabled feature owns it. */
export function isIncluded(outputPath: string, config: AppConfig): boolean {
  return FEATURES.every((f) => !owns(f, outputPath) || f.enabled(config));
}
