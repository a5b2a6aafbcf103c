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

/** `templateRelative` is "/"-separated. */
export function outputPathOf(templateRelative: string): string {
  const parts = templateRelative.split("/");
  const last = parts.length - 1;
  let base = parts[last] as string;
  if (base.endsWith(".ejs")) base = base.slice(0, -".ejs".length);
  if (DOTFILES_NPM_DROPS.has(base)) base = `.${base.slice(1)}`;
  parts[last] = base;
  return parts.join("/");
}

export function listTemplates(templatesDir: string): TemplateFile[] {
  const files: TemplateFile[] = [];
  // A walk of our own: readdirSync's `recursive` option took three times as long on Node 20.
  const walk = (dir: string, relative: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const entryRelative = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const source = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(source, entryRelative);
      else if (entry.isFile()) files.push({ source, output: outputPathOf(entryRelative), ejs: entry.name.endsWith(".ejs") });
    }
  };
  walk(templatesDir, "");
  return files.sort((a, b) => (a.output < b.output ? -1 : a.output > b.output ? 1 : 0));
}
