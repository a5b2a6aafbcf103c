import { describe, expect, it } from "vitest";
import { appGenerator } from "../../generators/app/generator.js";
import { FEATURES } from "../../generators/app/features/index.js";
import { runGenerator } from "../../generators/plop/run-generator.js";
import { listTemplates } from "../../generators/render/template-tree.js";
import { presetConfig } from "../support/configs.js";
import { PRESET_FLAGS, type PresetName } from "../support/generate.js";
import { templatesDir } from "../support/paths.js";

const PRESETS = Object.keys(PRESET_FLAGS) as PresetName[];

async function render(preset: PresetName) {
  const config = await presetConfig(preset);
  return runGenerator(appGenerator(templatesDir), { config });
}

describe("the file plan", () => {
  it.each(PRESETS)("of the %s preset", async (preset) => {
    const files = await render(preset);
    expect(files.map((f) => f.path)).toMatchSnapshot();
  });

  it.each(PRESETS)("of the %s preset leaves no EJS tag unrendered", async (preset) => {
    for (const file of await render(preset)) {
      const text = file.content.toString("utf8");
      expect(text, file.path).not.toMatch(/<%|%>/);
    }
  });

  it("keeps GitHub expressions intact (no Handlebars pass)", async () => {
    const files = await render("full");
    const workflows = files.filter((f) => f.path.startsWith(".github/workflows/"));
    for (const file of workflows) {
      const text = file.content.toString("utf8");
      if (text.includes("secrets.")) expect(text, file.path).toMatch(/\$\{\{ secrets\.[A-Z_]+ \}\}/);
    }
  });

  it.each(["api", "minimal"] as const)("of the %s preset never mentions a frontend it does not have", async (preset) => {
    for (const file of await render(preset)) {
      if (file.path === "towlion.json") continue; // records the answer "frontend": false
      expect(file.content.toString("utf8"), file.path).not.toMatch(/frontend|next\.js/i);
    }
  });

  it("declares feature files that exist in templates/", () => {
    const outputs = listTemplates(templatesDir).map((t) => t.output);
    for (const feature of FEATURES) {
      for (const owned of feature.files) {
        const exists = owned.endsWith("/") ? outputs.some((o) => o.startsWith(owned)) : outputs.includes(owned);
        expect(exists, `${feature.name} declares ${owned}`).toBe(true);
      }
    }
  });

  it("drops every file a disabled feature owns, and only those", async () => {
    const full = (await render("full")).map((f) => f.path);
    const minimal = (await render("minimal")).map((f) => f.path);
    const dropped = full.filter((p) => !minimal.includes(p));
    expect(dropped.some((p) => p.startsWith("frontend/"))).toBe(true);
    for (const path of dropped) {
      const owner = FEATURES.find((f) => f.files.some((o) => (o.endsWith("/") ? path.startsWith(o) : path === o)));
      expect(owner, path).toBeDefined();
    }
  });
});
