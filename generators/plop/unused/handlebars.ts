/**
 * Handlebars must never render a template: it turns `${{ secrets.X }}` into `$`. Plop uses
 * it only in renderString and its built-in actions, which our generators never call.
 */
import { notBundled } from "./not-bundled.js";

const unused = (): never => notBundled("Handlebars (plop.renderString and the built-in actions)");

export default { registerHelper: unused, registerPartial: unused, compile: unused };
