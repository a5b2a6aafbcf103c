import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const templatesDir = path.join(repoRoot, "templates");
export const builtBin = path.join(repoRoot, "bin", "create-towlion-app.js");
/** Scratch space for tests; ignored by git. */
export const scratchRoot = path.join(repoRoot, ".tmp", "test");
export const toolsBin = path.join(repoRoot, ".tmp", "tools", "bin");
