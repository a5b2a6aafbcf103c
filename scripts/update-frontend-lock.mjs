// Rewrites templates/frontend/package-lock.json from templates/frontend/package.json, so the
// generated repository's `npm ci` installs exactly what was tested:
//   node scripts/update-frontend-lock.mjs
// The lock carries no download addresses (npm's omit-lockfile-registry-resolved): `npm ci`
// fetches every package from the registry it is configured with, checked against the lock's
// integrity hashes.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const template = path.join(root, "templates", "frontend");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "frontend-lock-"));
try {
  fs.copyFileSync(path.join(template, "package.json"), path.join(work, "package.json"));
  execFileSync(
    "npm",
    ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--omit-lockfile-registry-resolved"],
    { cwd: work, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, npm_config_cache: process.env.npm_config_cache ?? path.join(root, ".tmp", "npm-cache") } },
  );
  const lock = fs.readFileSync(path.join(work, "package-lock.json"), "utf8");
  const addresses = [...lock.matchAll(/"resolved": "([^"]+)"/g)].map((m) => m[1]).filter((url) => !url.startsWith("https://registry.npmjs.org/"));
  if (addresses.length > 0) throw new Error(`the lock points outside the npm registry: ${addresses.join(", ")}`);
  fs.writeFileSync(path.join(template, "package-lock.json"), lock);
  console.log(`wrote templates/frontend/package-lock.json (${(lock.length / 1024).toFixed(0)} kB)`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
