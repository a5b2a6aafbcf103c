/** Plop resolves other plop packs with `resolve` in plop.load(), which we never call. */
import { notBundled } from "./not-bundled.js";

export default { sync: (): never => notBundled("plop.load (resolve)") };
