/** The app generator: every template the answers include, rendered in order. */
import { QUESTIONS } from "../options/questions.js";
import type { GeneratorData } from "../plop/run-generator.js";
import { RENDER_ACTION, type GeneratorDefinition } from "../plop/generator.js";
import { listTemplates } from "../render/template-tree.js";
import { isIncluded } from "./features/index.js";

export function appGenerator(templatesDir: string): GeneratorDefinition<GeneratorData> {
  return {
    name: "app",
    description: "A complete Towlion app repository",
    prompts: QUESTIONS,
    actions: ({ config }) =>
      listTemplates(templatesDir)
        .filter((t) => isIncluded(t.output, config))
        .map((t) => ({ type: RENDER_ACTION, templateFile: t.source, path: t.output, ejs: t.ejs })),
  };
}
