/**
 * Templates compiled at build time, by template path. This file is the placeholder used
 * when running from source; scripts/build.mjs replaces its contents with the output of
 * precompile.ts. A template without a usable entry compiles at run time.
 */
import type { CompiledTemplate } from "./compiled-template.js";

export const precompiledTemplates: ReadonlyMap<string, CompiledTemplate> = new Map();
