/**
 * node-plop imports inquirer 9 for its own prompt runner, which `create`
 * never calls: questions go through @inquirer/prompts (see options/prompter.ts).
 * The bundle maps `inquirer` here so that unused copy (and rxjs with it) is
 * not shipped; calling it is a programming error.
 */
function unused(): never {
  throw new Error("internal: plop's prompt runner is not used; prompts go through options/prompter.ts");
}

export default { registerPrompt: unused, prompt: unused, createPromptModule: unused };
