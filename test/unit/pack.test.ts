import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/generate.js";
import { cleanEnv } from "../support/in-process.js";
import { repoRoot, templatesDir } from "../support/paths.js";
import { listTemplates } from "../../generators/render/template-tree.js";

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
}

describe("the published package", () => {
  it("installs from its tarball alone and generates an app, dotfiles included", () => {
    const work = scratchDir("pack");
    const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", work], repoRoot)) as { filename: string; files: { path: string }[] }[];
    const tarball = path.join(work, packed!.filename);

    // Zero runtime dependencies: what npm installs is this one package.
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    expect(manifest.dependencies ?? {}).toEqual({});
    // Every template made it into the tarball, including the ones npm would drop by name.
    const packedPaths = new Set(packed!.files.map((f) => f.path));
    for (const template of listTemplates(templatesDir)) {
      expect(packedPaths.has(path.relative(repoRoot, template.source)), template.source).toBe(true);
    }

    const prefix = path.join(work, "prefix");
    fs.mkdirSync(prefix);
    npm(["install", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", tarball], work);
    expect(fs.readdirSync(path.join(prefix, "node_modules")).filter((e) => !e.startsWith("."))).toEqual(["create-towlion-app"]);

    const bin = path.join(prefix, "node_modules", ".bin", "create-towlion-app");
    const out = execFileSync(bin, ["shop", "--domain", "example.com", "--yes"], { cwd: work, encoding: "utf8", env: cleanEnv() });
    expect(out).toContain(`Created shop in ${path.join(work, "shop")}`);
    expect(fs.existsSync(path.join(work, "shop", ".gitignore"))).toBe(true);
    expect(fs.existsSync(path.join(work, "shop", "towlion.json"))).toBe(true);
  });
});
