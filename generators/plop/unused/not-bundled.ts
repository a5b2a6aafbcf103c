/**
 * node-plop imports some packages only for features our generators never use: its own
 * prompt runner, Handlebars rendering and the built-in add/modify actions that rely on it,
 * and loading other plop packs. The bundle maps those packages to the small modules in
 * this folder, which throw if they are ever reached instead of shipping and parsing them.
 */
export function notBundled(what: string): never {
  throw new Error(`internal: ${what} is not bundled; our generators render EJS through their own action type`);
}
