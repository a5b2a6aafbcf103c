/**
 * Compiles every EJS template to JavaScript once, at build time, into the module that
 * replaces precompiled.ts in the bundle: `create` then spends no time parsing templates
 * (about 25 ms for the full preset on the reference machine, README design notes).
 */
import fs from "node:fs";
import ejs from "ejs";
import { EJS_OPTIONS } from "./ejs-options.js";
import { templateKey } from "./template-key.js";
import { listTemplates } from "./template-tree.js";

/** The function body EJS generates, the same one ejs.compile wraps at run time. */
function compiledBody(text: string, filename: string): string {
  const template = new ejs.Template(text, { ...EJS_OPTIONS, filename });
  template.compile();
  return template.source;
}

export function precompiledModuleSource(templatesDir: string): string {
  const entries = new Map<string, string>();
  for (const template of listTemplates(templatesDir).filter((t) => t.ejs)) {
    const text = fs.readFileSync(template.source, "utf8");
    const body = compiledBody(text, template.source);
    entries.set(templateKey(text), `function (locals, escapeFn, include, rethrow) {\n"use strict";\n${body}\n}`);
  }
  const rows = [...entries].map(([key, fn]) => `  [${JSON.stringify(key)}, ${fn}],`);
  return `export const precompiledTemplates = new Map([\n${rows.join("\n")}\n]);\n`;
}
