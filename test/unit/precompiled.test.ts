import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ejs from "ejs";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppConfig } from "../../generators/app/config.js";
import { isCompiledFrom, type CompiledTemplate } from "../../generators/render/compiled-template.js";
import { EJS_OPTIONS } from "../../generators/render/ejs-options.js";
import { precompiledModuleSource } from "../../generators/render/precompile.js";
import { listTemplates, type TemplateFile } from "../../generators/render/template-tree.js";
import { presetConfig } from "../support/configs.js";
import { PRESET_FLAGS, scratchDir, type PresetName } from "../support/generate.js";
import { repoRoot, templatesDir } from "../support/paths.js";

const PRESETS = Object.keys(PRESET_FLAGS) as PresetName[];
const ejsTemplates = listTemplates(templatesDir).filter((t) => t.ejs);
const textOf = (template: TemplateFile) => fs.readFileSync(template.source, "utf8");
const renderAtRunTime = (text: string, config: AppConfig, filename: string) =>
  ejs.render(text, { ...config }, { ...EJS_OPTIONS, filename });

/** Offsets of characters the compiled template takes from the text unchecked. */
function freeOffsets(compiled: CompiledTemplate): number[] {
  const fixed = new Set<number>();
  for (const [offset, part] of compiled.fixed) for (let i = 0; i < part.length; i++) fixed.add(offset + i);
  return Array.from({ length: compiled.length }, (_, i) => i).filter((i) => !fixed.has(i));
}

const replaceAt = (text: string, offset: number, char: string) => text.slice(0, offset) + char + text.slice(offset + 1);

describe("templates compiled at build time", () => {
  let precompiled: ReadonlyMap<string, CompiledTemplate>;
  beforeAll(async () => {
    const file = path.join(scratchDir("precompiled"), "precompiled.mjs");
    fs.writeFileSync(file, precompiledModuleSource(templatesDir));
    ({ precompiledTemplates: precompiled } = await import(pathToFileURL(file).href));
  });

  it("cover every EJS template, each valid for its own text", () => {
    expect(ejsTemplates.length).toBeGreaterThan(40);
    for (const template of ejsTemplates) {
      const compiled = precompiled.get(template.output);
      expect(compiled, template.output).toBeDefined();
      expect(isCompiledFrom(compiled!, textOf(template)), template.output).toBe(true);
    }
  });

  it("carry code, not the templates' text", () => {
    const source = precompiledModuleSource(templatesDir);
    const templateBytes = ejsTemplates.reduce((sum, t) => sum + fs.statSync(t.source).size, 0);
    expect(source.length).toBeLessThan(templateBytes / 3);
  });

  it.each(PRESETS)("render the %s preset exactly as EJS does at run time, and as EJS's defaults did", async (preset) => {
    const config = await presetConfig(preset);
    for (const template of ejsTemplates) {
      const text = textOf(template);
      const ahead = precompiled.get(template.output)!.render(config, EJS_OPTIONS.escape, text);
      expect(ahead, template.output).toBe(renderAtRunTime(text, config, template.source));
      // Strict mode with declared names instead of `with (locals)` changes no output.
      const loose = ejs.render(text, { ...config }, { escape: EJS_OPTIONS.escape, filename: template.source });
      expect(ahead, template.output).toBe(loose);
    }
  });

  it("render a text edited inside a run of literal text as EJS does", async () => {
    const config = await presetConfig("full");
    let edits = 0;
    for (const template of ejsTemplates) {
      const compiled = precompiled.get(template.output)!;
      const text = textOf(template);
      const offset = freeOffsets(compiled).find((i) => /[a-z]/.test(text[i]!));
      if (offset === undefined) continue;
      const edited = replaceAt(text, offset, text[offset] === "q" ? "z" : "q");
      expect(isCompiledFrom(compiled, edited), template.output).toBe(true);
      expect(compiled.render(config, EJS_OPTIONS.escape, edited)).toBe(renderAtRunTime(edited, config, template.source));
      edits++;
    }
    expect(edits).toBeGreaterThan(30);
  });

  it("refuse a text whose tags, length, literal ends or percent signs changed", () => {
    const readme = ejsTemplates.find((t) => t.output === "README.md")!;
    const compiled = precompiled.get(readme.output)!;
    const text = textOf(readme);
    const tag = text.indexOf("<%= name %>");
    expect(tag).toBeGreaterThan(-1);
    const free = freeOffsets(compiled);
    const interior = free.find((i) => /[a-z]/.test(text[i]!))!;
    // The first character of a sliced run: its neighbour may be whitespace a tag swallows.
    const runStart = free.find((i) => !free.includes(i - 1))! - 1;
    expect(isCompiledFrom(compiled, text.replace("<%= name %>", "<%= nome %>"))).toBe(false);
    expect(isCompiledFrom(compiled, `${text}\n`)).toBe(false);
    expect(isCompiledFrom(compiled, text.slice(1))).toBe(false);
    expect(isCompiledFrom(compiled, replaceAt(text, interior, "%"))).toBe(false);
    expect(isCompiledFrom(compiled, replaceAt(text, runStart, text[runStart] === " " ? "x" : " "))).toBe(false);
  });

  it("are carried by the built bundle, which ships neither Handlebars nor a compiler for it", () => {
    const chunks = fs.readdirSync(path.join(repoRoot, "dist", "chunks")).map((f) => fs.readFileSync(path.join(repoRoot, "dist", "chunks", f), "utf8"));
    const bundle = chunks.join("\n");
    for (const template of ejsTemplates) {
      expect(bundle.includes(`${JSON.stringify(template.output)},{length:${textOf(template).length},`), template.output).toBe(true);
    }
    // Handlebars' runtime declares its compiler revision; only the stub in plop/unused/ remains.
    expect(bundle.includes("COMPILER_REVISION")).toBe(false);
  });
});
