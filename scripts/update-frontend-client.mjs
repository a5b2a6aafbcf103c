// Regenerates templates/frontend/src/api/schema.d.ts.ejs, the typed API client every generated
// frontend commits. The backend's OpenAPI schema differs with the storage feature, so this
// generates an app with and without storage, runs the generated repo's own
// `npm run api:generate` in each, and merges the two clients into one template whose
// storage-only lines sit inside `<% if (features.storage) %>` blocks.
//
//   node scripts/update-frontend-client.mjs      (needs uv, PyPI and the npm registry)
//
// test/frontend checks that every frontend preset's client equals what openapi-typescript
// makes of that preset's backend, so forgetting to run this after an API change fails the tests.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const template = path.join(root, "templates", "frontend", "src", "api", "schema.d.ts.ejs");
const uv = process.env.UV ?? (fs.existsSync(path.join(root, ".tmp/tools/bin/uv")) ? path.join(root, ".tmp/tools/bin/uv") : "uv");
const npmCache = process.env.npm_config_cache ?? path.join(root, ".tmp", "npm-cache");

function run(command, args, cwd, env = {}) {
  execFileSync(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
}

/** The client the generated repo's own script writes for one feature set. */
function clientFor(workDir, name, flags, nodeModules) {
  run(process.execPath, [path.join(root, "bin", "create-towlion-app.js"), name, "--domain", "example.com", "--email", "console", "--no-git", "--yes", ...flags], workDir);
  const app = path.join(workDir, name);
  const frontend = path.join(app, "frontend");
  if (!fs.existsSync(path.join(app, "uv.lock"))) run(uv, ["lock", "--quiet"], app);
  if (nodeModules) fs.symlinkSync(nodeModules, path.join(frontend, "node_modules"));
  else run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], frontend, { npm_config_cache: npmCache });
  run(process.execPath, ["scripts/api-client.mjs", "generate"], frontend, { UV: uv });
  return { text: fs.readFileSync(path.join(frontend, "src", "api", "schema.d.ts"), "utf8"), nodeModules: path.join(frontend, "node_modules") };
}

/** Longest common subsequence of lines, as [kind, line] with kind " " (both), "+" (a only), "-" (b only). */
function diffLines(a, b) {
  const n = a.length;
  const m = b.length;
  const lcs = new Int32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) out.push([" ", a[i++], j++]);
    else if (j >= m || (i < n && lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) out.push(["+", a[i++]]);
    else out.push(["-", b[j++]]);
  }
  return out;
}

/** One EJS template that renders `withStorage` or `withoutStorage` exactly. */
function mergeTemplate(withStorage, withoutStorage) {
  for (const text of [withStorage, withoutStorage]) if (text.includes("<%")) throw new Error("the client contains <%, which EJS would interpret");
  const lines = [];
  let open = null;
  for (const [kind, line] of diffLines(withStorage.split("\n"), withoutStorage.split("\n"))) {
    const wanted = kind === "+" ? "<%_ if (features.storage) { _%>" : kind === "-" ? "<%_ if (!features.storage) { _%>" : null;
    if (open !== wanted) {
      if (open) lines.push("<%_ } _%>");
      if (wanted) lines.push(wanted);
      open = wanted;
    }
    lines.push(line);
  }
  if (open) lines.push("<%_ } _%>");
  return lines.join("\n");
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "frontend-client-"));
try {
  run(process.execPath, [path.join(root, "scripts", "build.mjs")], root);
  const storage = clientFor(workDir, "client-storage", ["--frontend", "--worker", "--storage"], null);
  const plain = clientFor(workDir, "client-plain", ["--frontend", "--worker", "--no-storage"], storage.nodeModules);
  const merged = mergeTemplate(storage.text, plain.text);
  for (const [storageOn, expected] of [[true, storage.text], [false, plain.text]]) {
    const rendered = ejs.render(merged, { features: { storage: storageOn } });
    if (rendered !== expected) throw new Error(`the merged template does not reproduce the client with storage=${storageOn}`);
  }
  fs.writeFileSync(template, merged);
  fs.rmSync(template.replace(/\.ejs$/, ""), { force: true });
  console.log(`wrote ${path.relative(root, template)}`);
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
