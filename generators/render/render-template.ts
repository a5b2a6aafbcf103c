import fs from "node:fs";
import ejs from "ejs";
import type { AppConfig } from "../app/config.js";
import { isCompiledFrom } from "./compiled-template.js";
import { EJS_OPTIONS } from "./ejs-options.js";
import { precompiledTemplates } from "./precompiled.js";
import type { RenderedFile } from "./rendered-file.js";
import type { TemplateFile } from "./template-tree.js";

export function renderTemplate(template: TemplateFile, config: AppConfig): RenderedFile {
  const raw = fs.readFileSync(template.source);
  const content = template.ejs ? Buffer.from(renderEjs(raw.toString("utf8"), template, config)) : raw;
  return { path: template.output, content, mode: isScript(content) ? 0o755 : 0o644 };
}

function renderEjs(text: string, template: TemplateFile, config: AppConfig): string {
  const compiled = precompiledTemplates.get(template.output);
  if (compiled && isCompiledFrom(compiled, text)) return compiled.render(config, EJS_OPTIONS.escape, text);
  return ejs.render(text, { ...config }, { ...EJS_OPTIONS, filename: template.source });
}

/** Executable bits do not survive every packer, so a shebang decides. */
function isScript(content: Buffer): boolean {
  return content[0] === 0x23 && content[1] === 0x21; // "#!"
}
