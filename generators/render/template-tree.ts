/**
 * The template folder mirrors the generated repository. `.ejs` files are
 * rendered; everything else is copied byte for byte. npm never packs files
 * named .gitignore or .npmrc, so those are stored with "_" instead of ".".
 */
import fs from "node:fs";
import path from "node:path";

export interface TemplateFile {
  /** Absolute path of the template. */
  source: string;
  /** Path in the generated repository, "/"-separated. */
  output: string;
  ejs: boolean;
}

const DOTFILES_NPM_DROPS = new Set(["_gitignore", "_npmrc", "_npmignore"]);

export function outputPathOf(templateRelative: string): string {
  const parts = templateRelative.split(path.sep);
  const last = parts.length - 1;
  let base = parts[last] as string;
  if (base.endsWith(".ejs")) base = base.slice(0, -".ejs".length);
  if (DOTFILES_NPM_DROPS.has(base)) base = `.${base.slice(1)}`;
  parts[last] = base;
  return parts.join("/");
}

export function listTemplates(templatesDir: string): TemplateFile[] {
  const entries = fs.readdirSync(templatesDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => {
      const source = path.join(e.parentPath, e.name);
      const relative = path.relative(templatesDir, source);
      return { source, output: outputPathOf(relative), ejs: relative.endsWith(".ejs") };
    })
    .sort((a, b) => (a.output < b.output ? -1 : a.output > b.output ? 1 : 0));
}
