import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const templatesDir = path.join(repoRoot, "templates");
export const builtBin = path.join(repoRoot, "bin", "create-towlion-app.js");
/** Scratch space for tests, outside this repository's work tree (generated apps get their own git). */
export const scratchRoot = process.env.TOWLION_TEST_SCRATCH ?? path.join(os.tmpdir(), "create-towlion-app-tests");
export const toolsBin = path.join(repoRoot, ".tmp", "tools", "bin");
