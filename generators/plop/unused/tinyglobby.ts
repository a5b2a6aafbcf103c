/** Only plop's built-in addMany action globs files; our generators use their own action. */
import { notBundled } from "./not-bundled.js";

export const globSync = (): never => notBundled("plop's addMany action (tinyglobby)");
