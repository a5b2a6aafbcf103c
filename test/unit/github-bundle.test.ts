/**
 * The GitHub code is loaded only when it runs: octokit (about 100 kB) must not
 * be in what `create-towlion-app` or `towlion` load at start-up, only in a
 * chunk reached through a dynamic import(). Reads the bundle the unit layer's
 * global setup builds.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";

const dist = path.join(repoRoot, "dist");

/** The files an entry loads before running: itself and its static imports, transitively. */
function closure(entry: string, follow: "static" | "all"): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    const source = fs.readFileSync(file, "utf8");
    files.set(file, source);
    const statics = [...source.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w${},\s*]+from\s*)?["'](\.\.?\/[^"']+)["']/g)];
    const dynamics = follow === "all" ? [...source.matchAll(/import\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g)] : [];
    // Precompiled templates contain import lines of the generated app's code: only bundle files count.
    const targets = [...statics, ...dynamics].map((match) => path.resolve(path.dirname(file), match[1] as string));
    for (const target of targets.filter((t) => t.startsWith(dist) && fs.existsSync(t))) visit(target);
  };
  visit(path.join(dist, entry));
  return files;
}

const hasOctokit = (files: Map<string, string>): boolean =>
  [...files.values()].some((source) => /octokit/i.test(source));

describe("the bundle", () => {
  for (const entry of ["cli.js", "towlion.js"]) {
    it(`${entry} loads octokit only through a dynamic import`, () => {
      const startup = closure(entry, "static");
      expect(hasOctokit(startup)).toBe(false);
      expect(hasOctokit(closure(entry, "all"))).toBe(true);
      const bytes = [...startup.values()].reduce((sum, source) => sum + Buffer.byteLength(source), 0);
      console.log(`${entry}: ${startup.size} files, ${(bytes / 1024).toFixed(0)} kB loaded at start-up`);
    });
  }
});
