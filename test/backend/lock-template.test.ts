/**
 * templates/uv.lock.ejs is produced by scripts/lock-python-templates.mjs. For every
 * combination of worker, storage and email provider, the rendered lock must be one uv
 * accepts as it is (`uv lock --locked`) and hold no package that nothing uses.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";
import { toolEnv } from "./support/python.js";

it("the lock template is exact for all 16 feature combinations", () => {
  const output = execFileSync(process.execPath, [path.join(repoRoot, "scripts", "lock-python-templates.mjs"), "--check"], {
    cwd: repoRoot,
    env: toolEnv(),
    encoding: "utf8",
  });
  expect(output).toContain("locks all 16 combinations exactly");
});
