/**
 * Generators are declared plop-style: the questions they ask and the actions
 * that follow from the answers. `create` uses the app generator; later
 * commands (`towlion add …`) declare their own in the same shape.
 */
import type { Question } from "../options/questions.js";

export interface RenderAction {
  type: typeof RENDER_ACTION;
  /** Absolute template path. */
  templateFile: string;
  /** Output path inside the generated repository. */
  path: string;
  ejs: boolean;
}

export const RENDER_ACTION = "towlion-render";

export interface GeneratorDefinition<Data> {
  name: string;
  description: string;
  prompts: readonly Question[];
  actions: (data: Data) => RenderAction[];
}
