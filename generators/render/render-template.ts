import fs from "node:fs";
import ejs from "ejs";
import type { AppConfig } from "../app/config.js";
import type { RenderedFile } from "./rendered-file.js";
import type { TemplateFile } from "./template-tree.js";

/**
 * Templates produce code, not HTML: `<%= %>` must not escape anything. Without
 * compileDebug, EJS compiles each template to less code (our templates' errors
 * are caught by the tests, which still name the variable).
 */
const EJS_OPTIONS = { escape: (value: unknown) => String(value), strict: false, compileDebug: false } as const;

export function renderTemplate(template: TemplateFile, config: AppConfig): RenderedFile {
  const raw = fs.readFileSync(template.source);
  const content = template.ejs
    ? Buffer.from(ejs.render(raw.toString("utf8"), { ...config }, { ...EJS_OPTIONS, filename: template.source }))
    : raw;
  return { path: template.output, content, mode: isScript(content) ? 0o755 : 0o644 };
}

/** Executable bits do not survive every packer, so a shebang decides. */
function isScript(content: Buffer): boolean {
  return content[0] === 0x23 && content[1] === 0x21; // "#!"
}
