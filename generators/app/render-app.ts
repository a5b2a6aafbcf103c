/**
 * The app's generator run through plop: the one module `create` loads lazily to render, so
 * that plop, EJS, the compiled templates and the feature list arrive as a single chunk.
 */
import { runGenerator } from "../plop/run-generator.js";
import type { RenderedFile } from "../render/rendered-file.js";
import type { AppConfig } from "./config.js";
import { appGenerator } from "./generator.js";

export function renderApp(templatesDir: string, config: AppConfig, beforeEachFile: () => void): Promise<RenderedFile[]> {
  return runGenerator(appGenerator(templatesDir), { config }, beforeEachFile);
}
