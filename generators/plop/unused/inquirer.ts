/**
 * node-plop imports inquirer 9 (and rxjs with it) for its prompt runner; `create` asks its
 * questions through @inquirer/* (see options/prompter.ts) and never calls plop's.
 */
import { notBundled } from "./not-bundled.js";

const unused = (): never => notBundled("plop's prompt runner (inquirer)");

export default { registerPrompt: unused, prompt: unused, createPromptModule: unused };
