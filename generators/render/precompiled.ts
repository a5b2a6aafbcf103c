/**
 * Templates compiled at build time, keyed by the SHA-1 of their text. This file is the
 * placeholder used when running from source; scripts/build.mjs replaces its contents with
 * the output of precompile.ts. A template whose text has no entry compiles at run time.
 */
import type { CompiledTemplate } from "./ejs-options.js";

export const precompiledTemplates: ReadonlyMap<string, CompiledTemplate> = new Map();
