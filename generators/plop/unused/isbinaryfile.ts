/** Only plop's built-in add/addMany actions sniff binary files; ours copies bytes as they are. */
import { notBundled } from "./not-bundled.js";

export const isBinaryFileSync = (): never => notBundled("plop's add action (isbinaryfile)");
