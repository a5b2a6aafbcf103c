// Bundles the CLI into dist/: one entry, lazy chunks, no runtime dependencies.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const outdir = path.join(root, "dist");
fs.rmSync(outdir, { recursive: true, force: true });

/** The module of templates compiled to JavaScript (generators/render/precompile.ts). */
async function precompiledTemplatesSource() {
  const compiler = path.join(root, "node_modules", ".cache", "towlion-precompile.mjs");
  await build({
    absWorkingDir: root,
    entryPoints: ["generators/render/precompile.ts"],
    outfile: compiler,
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    logLevel: "warning",
  });
  const { precompiledModuleSource } = await import(`${pathToFileURL(compiler).href}?${Date.now()}`);
  fs.rmSync(compiler);
  return precompiledModuleSource(path.join(root, "templates"));
}

// The bundle carries every template compiled ahead of time in place of the empty placeholder.
const precompiledTemplates = {
  name: "precompiled-templates",
  setup(builder) {
    builder.onLoad({ filter: /generators[\\/]render[\\/]precompiled\.ts$/ }, async () => ({
      contents: await precompiledTemplatesSource(),
      loader: "js",
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: "generators/cli/main.ts", towlion: "generators/cli/towlion.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  metafile: true,
  legalComments: "none",
  chunkNames: "chunks/[name]-[hash]",
  // node-plop's imports for features our generators never use (generators/plop/unused/).
  alias: Object.fromEntries(
    ["inquirer", "handlebars", "resolve", "tinyglobby", "isbinaryfile"].map((name) => [name, `./generators/plop/unused/${name}.ts`]),
  ),
  // Some bundled packages are CommonJS and call require() for Node built-ins.
  banner: { js: 'import{createRequire as __towlionRequire}from"node:module";const require=__towlionRequire(import.meta.url);' },
  plugins: [precompiledTemplates],
  logLevel: "warning",
});

// Bundled code keeps its licences: collect each package's licence text.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
  if (!match || packages.has(match[1])) continue;
  const dir = path.join(root, match[1]);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const licenceFile = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  const text = licenceFile ? fs.readFileSync(path.join(dir, licenceFile), "utf8").trim() : `License: ${manifest.license}`;
  packages.set(match[1], `${manifest.name}@${manifest.version}\n\n${text}`);
}
fs.writeFileSync(
  path.join(outdir, "THIRD-PARTY-LICENSES.txt"),
  [...packages.values()].sort().join(`\n\n${"-".repeat(72)}\n\n`) + "\n",
);

const sizes = Object.entries(result.metafile.outputs).map(([file, { bytes }]) => `${path.relative(root, file)} ${(bytes / 1024).toFixed(0)} kB`);
console.error(`built ${sizes.length} files: ${sizes.join(", ")}; ${packages.size} bundled packages`);
