#!/usr/bin/env node
// First-load JavaScript of the generated frontend's pages, gzip-compressed:
//   node bench/frontend-size.mjs [--keep]
// Generates the full preset, installs its frontend (npm ci, shared cache under .tmp/npm-cache)
// and runs `next build`. Next 16 no longer prints per-route sizes, so the figure is computed
// from the build's manifests: the scripts every page loads (build-manifest.json rootMainFiles)
// plus the chunks of the route's layouts, page and boundaries (its client reference
// manifest), each gzipped at level 9 as `next build` used to. The legacy-browser polyfills
// (loaded with `nomodule`, never by current browsers) are left out. Run `npm run build` first.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const ROUTES = { "sign-in": "(auth)/sign-in", notes: "(app)/notes/(list)", "note (edit, attachments)": "(app)/notes/[noteId]" };
const TARGET_NOTES_KB = 120;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "towlion-frontend-size-"));

function run(command, args, cwd) {
  execFileSync(command, args, {
    cwd,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, npm_config_cache: path.join(root, ".tmp", "npm-cache"), NEXT_TELEMETRY_DISABLED: "1" },
  });
}

const gzipKb = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;

/** The JS files the browser loads for a route on first visit, relative to .next. */
function firstLoadFiles(next, route) {
  const manifestFile = path.join(next, "server", "app", route, "page_client-reference-manifest.js");
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox);
  const [manifest] = Object.values(sandbox.__RSC_MANIFEST);
  const { rootMainFiles } = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8"));
  return [...new Set([...rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()])];
}

try {
  const started = Date.now();
  run(process.execPath, [path.join(root, "bin", "create-towlion-app.js"), "size-bench", "--domain", "example.com", "--preset", "full", "--no-git", "--yes"], work);
  const frontend = path.join(work, "size-bench", "frontend");
  run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], frontend);
  run("npm", ["run", "build"], frontend);
  const next = path.join(frontend, ".next");

  const { rootMainFiles } = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8"));
  const framework = rootMainFiles.reduce((sum, file) => sum + gzipKb(path.join(next, file)), 0);
  console.log(`Next.js ${JSON.parse(fs.readFileSync(path.join(frontend, "node_modules", "next", "package.json"), "utf8")).version}, first-load JS (gzip -9):`);
  console.log(`  framework and runtime, shared by every page: ${framework.toFixed(1)} kB`);
  for (const [label, route] of Object.entries(ROUTES)) {
    const total = firstLoadFiles(next, route).reduce((sum, file) => sum + gzipKb(path.join(next, file)), 0);
    const note = label === "notes" ? ` (target ≤ ${TARGET_NOTES_KB} kB: ${total <= TARGET_NOTES_KB ? "met" : "missed"})` : "";
    console.log(`  ${label.padEnd(24)} ${total.toFixed(1)} kB, of which route chunks (app code and the Next client components it uses) ${(total - framework).toFixed(1)} kB${note}`);
  }
  console.log(`(generate, install and build took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
} finally {
  if (process.argv.includes("--keep")) console.log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
