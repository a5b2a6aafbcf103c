/**
 * A template compiled at build time (precompile.ts). Its long runs of literal text are
 * slices of the template's own text, read at run time, so it serves any text that
 * differs from the one it was compiled from only inside those runs: such a text renders
 * the same through EJS. Anything else (a tag, the whitespace a tag swallows, the ends of
 * a run, a "%" anywhere, the length) must be unchanged, or the template compiles at run
 * time instead of rendering stale code.
 */
import type { AppConfig } from "../app/config.js";

export interface CompiledTemplate {
  /** Length of the compiled text, in UTF-16 code units (the unit of the slices). */
  length: number;
  /** Every part of the text but the insides of the slices (precompile.ts), as [offset, text]. */
  fixed: readonly (readonly [number, string])[];
  /** How many "%" the text holds: one typed into a run could open or close a tag. */
  percents: number;
  render: (locals: AppConfig, escapeFn: (value: unknown) => string, templateText: string) => string;
}

export function countPercents(text: string): number {
  let count = 0;
  for (let at = text.indexOf("%"); at !== -1; at = text.indexOf("%", at + 1)) count++;
  return count;
}

/** True when `text` may be rendered by `template` (see above). */
export function isCompiledFrom(template: CompiledTemplate, text: string): boolean {
  if (text.length !== template.length) return false;
  for (const [offset, part] of template.fixed) if (!text.startsWith(part, offset)) return false;
  return countPercents(text) === template.percents;
}
