/**
 * Runs a generator's actions through node-plop. Our one action type renders
 * EJS (or copies bytes) into memory; plop's Handlebars never sees a template,
 * which matters because it would turn `${{ secrets.X }}` into `$`.
 */
import nodePlop, { type CustomActionFunction } from "node-plop";
import type { AppConfig } from "../app/config.js";
import { GenerationError } from "../cli/errors.js";
import { renderTemplate } from "../render/render-template.js";
import type { RenderedFile } from "../render/rendered-file.js";
import { RENDER_ACTION, type GeneratorDefinition, type RenderAction } from "./generator.js";

export interface GeneratorData {
  config: AppConfig;
}

export async function runGenerator(
  generator: GeneratorDefinition<GeneratorData>,
  data: GeneratorData,
  beforeEach: () => void = () => {},
): Promise<RenderedFile[]> {
  const rendered: RenderedFile[] = [];
  // Plop never writes here: our only action type renders into memory.
  const plop = await nodePlop("", { destBasePath: process.cwd(), force: false });
  // Async, so plop reports a throw as a failure with its message.
  const render: CustomActionFunction = async (answers, action) => {
    beforeEach();
    const { templateFile, path, ejs } = action as unknown as RenderAction;
    try {
      const file = renderTemplate({ source: templateFile, output: path, ejs }, (answers as GeneratorData).config);
      rendered.push(file);
      return file.path;
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`);
    }
  };
  plop.setActionType(RENDER_ACTION, render);
  plop.setGenerator(generator.name, {
    description: generator.description,
    prompts: [],
    actions: (answers) => generator.actions(answers as GeneratorData) as never,
  });
  const { failures } = await plop.getGenerator(generator.name).runActions(data);
  const failure = failures.find((f) => !String(f.error).startsWith("Aborted due to previous"));
  if (failure) throw new GenerationError(`Rendering failed: ${failure.error}`);
  return rendered;
}
