import fs from "node:fs";
import ejs from "ejs";
import type { AppConfig } from "../app/config.js";
import { EJS_OPTIONS } from "./ejs-options.js";
import { precompiledTemplates } from "./precompiled.js";
import { templateKey } from "./template-key.js";
import type { RenderedFile } from "./rendered-file.js";
import type { TemplateFile } from "./template-tree.js";

export function renderTemplate(template: TemplateFile, config: AppConfig): RenderedFile {
  const raw = fs.readFileSync(template.source);
  const content = template.ejs ? Buffer.from(renderEjs(raw, template.source, config)) : raw;
  return { path: template.output, content, mode: isScript(content) ? 0o755 : 0o644 };
}

function renderEjs(raw: Buffer, filename: string, config: AppConfig): string {
  const precompiled = precompiledTemplates.get(templateKey(raw));
  if (precompiled) return precompiled(config, EJS_OPTIONS.escape, undefined, undefined);
  return ejs.render(raw.toString("utf8"), { ...config }, { ...EJS_OPTIONS, filename });
}

/** Executable bits do not survive every packer, so a shebang decides. */
function isScript(content: Buffer): boolean {
  return content[0] === 0x23 && content[1] === 0x21; // "#!"
}
