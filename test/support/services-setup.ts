/** vitest globalSetup: make sure the real test services run before a slow layer starts. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./paths.js";

export default function setup(): void {
  execFileSync(path.join(repoRoot, "scripts", "test-services.sh"), ["start"], { stdio: ["ignore", "ignore", "inherit"] });
}
