import path from "node:path";
import { repoRoot } from "../../support/paths.js";

/** Everything the system test keeps between its steps (git-ignored). */
export const systemState = path.join(repoRoot, ".tmp", "system");
export const imagesDir = path.join(repoRoot, "test", "system", "images");
export const toolsBin = path.join(repoRoot, ".tmp", "tools", "bin");
/**
 * Shared between the host and the server container at the same path, because
 * the server's docker CLI talks to the host's engine: bind mounts it asks for
 * are resolved on the host.
 */
export const sharedRoot = "/tmp/towlion-system";
