/** vitest globalSetup for the unit layer: tests spawn the real bundled bin, so build it first. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./paths.js";

export default function setup(): void {
  execFileSync(process.execPath, [path.join(repoRoot, "scripts", "build.mjs")], { cwd: repoRoot, stdio: "ignore" });
}
