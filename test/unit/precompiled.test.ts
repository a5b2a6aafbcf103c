import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ejs from "ejs";
import { beforeAll, describe, expect, it } from "vitest";
import { EJS_OPTIONS, type CompiledTemplate } from "../../generators/render/ejs-options.js";
import { precompiledModuleSource } from "../../generators/render/precompile.js";
import { templateKey } from "../../generators/render/template-key.js";
import { listTemplates } from "../../generators/render/template-tree.js";
import { presetConfig } from "../support/configs.js";
import { PRESET_FLAGS, scratchDir, type PresetName } from "../support/generate.js";
import { repoRoot, templatesDir } from "../support/paths.js";

const PRESETS = Object.keys(PRESET_FLAGS) as PresetName[];
const ejsTemplates = listTemplates(templatesDir).filter((t) => t.ejs);

describe("templates compiled at build time", () => {
  let precompiled: ReadonlyMap<string, CompiledTemplate>;
  beforeAll(async () => {
    const file = path.join(scratchDir("precompiled"), "precompiled.mjs");
    fs.writeFileSync(file, precompiledModuleSource(templatesDir));
    ({ precompiledTemplates: precompiled } = await import(pathToFileURL(file).href));
  });

  it("cover every EJS template, found by its text", () => {
    expect(ejsTemplates.length).toBeGreaterThan(40);
    for (const template of ejsTemplates) {
      expect(precompiled.has(templateKey(fs.readFileSync(template.source))), template.output).toBe(true);
    }
  });

  it.each(PRESETS)("render the %s preset exactly as EJS does at run time, and as EJS's defaults did", async (preset) => {
    const config = await presetConfig(preset);
    for (const template of ejsTemplates) {
      const text = fs.readFileSync(template.source, "utf8");
      const fn = precompiled.get(templateKey(text))!;
      const ahead = fn(config, EJS_OPTIONS.escape, undefined, undefined);
      expect(ahead, template.output).toBe(ejs.render(text, { ...config }, { ...EJS_OPTIONS, filename: template.source }));
      // Strict mode with declared names instead of `with (locals)` changes no output.
      const loose = ejs.render(text, { ...config }, { escape: EJS_OPTIONS.escape, filename: template.source });
      expect(ahead, template.output).toBe(loose);
    }
  });

  it("are carried by the built bundle, which ships neither Handlebars nor a compiler for it", () => {
    const chunks = fs.readdirSync(path.join(repoRoot, "dist", "chunks")).map((f) => fs.readFileSync(path.join(repoRoot, "dist", "chunks", f), "utf8"));
    const bundle = chunks.join("\n");
    for (const template of ejsTemplates) {
      expect(bundle.includes(templateKey(fs.readFileSync(template.source))), template.output).toBe(true);
    }
    // Handlebars' runtime declares its compiler revision; only the stub in plop/unused/ remains.
    expect(bundle.includes("COMPILER_REVISION")).toBe(false);
  });
});
