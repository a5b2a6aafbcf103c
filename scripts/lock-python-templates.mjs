#!/usr/bin/env node
/**
 * Maintains templates/uv.lock.ejs: one uv lock file template that is exact for every
 * combination of the Python-relevant features (worker, storage, email provider).
 *
 *   node scripts/lock-python-templates.mjs            # re-lock, keeping current versions
 *   node scripts/lock-python-templates.mjs --upgrade  # re-lock with the newest allowed versions
 *   node scripts/lock-python-templates.mjs --check    # every combination passes `uv lock --locked`
 *
 * How: templates/pyproject.toml.ejs is rendered for each combination and locked by uv
 * (seeded with the current template, so versions stay put). The lock files are merged
 * line by line; every line remembers in which combinations it appeared, and runs of
 * lines with the same set are wrapped in the smallest `<% if %>` that selects exactly
 * that set. Needs uv on PATH (or .tmp/tools/bin/uv) and network access to PyPI.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const templates = path.join(root, "templates");
const pyprojectTemplate = path.join(templates, "pyproject.toml.ejs");
const lockTemplate = path.join(templates, "uv.lock.ejs");
/** Stands for the app name while locking; replaced by `<%= name %>` in the template. */
const LOCK_NAME = "towlion-lock-template";
const EMAILS = ["console", "smtp", "postmark", "ses"];

/** Every combination that changes the Python dependencies, largest first. */
export const COMBOS = [true, false].flatMap((worker) =>
  [true, false].flatMap((storage) =>
    [...EMAILS].reverse().map((email) => ({ worker, storage, email })),
  ),
);
const comboName = (c) => `${c.worker ? "worker" : "no-worker"}/${c.storage ? "storage" : "no-storage"}/${c.email}`;

function uvBinary() {
  const local = path.join(root, ".tmp", "tools", "bin", "uv");
  return fs.existsSync(local) ? local : "uv";
}

function uvEnv() {
  return { ...process.env, UV_CACHE_DIR: process.env.UV_CACHE_DIR ?? path.join(root, ".tmp", "uv-cache") };
}

function locals(combo, name = LOCK_NAME) {
  return {
    name,
    title: "Lock",
    features: { frontend: false, worker: combo.worker, storage: combo.storage },
    email: combo.email,
  };
}

const EJS_OPTIONS = { escape: (value) => String(value) };

export function renderPyproject(combo, name = LOCK_NAME) {
  return ejs.render(fs.readFileSync(pyprojectTemplate, "utf8"), locals(combo, name), EJS_OPTIONS);
}

export function renderLock(combo, name = LOCK_NAME) {
  return ejs.render(fs.readFileSync(lockTemplate, "utf8"), locals(combo, name), EJS_OPTIONS);
}

function scratch(combo, name, lock) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "towlion-lock-"));
  fs.writeFileSync(path.join(dir, "pyproject.toml"), renderPyproject(combo, name));
  if (lock !== undefined) fs.writeFileSync(path.join(dir, "uv.lock"), lock);
  return dir;
}

function uvLock(dir, args) {
  execFileSync(uvBinary(), ["lock", "--quiet", ...args], { cwd: dir, env: uvEnv(), stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * A lock file as tokens: each non-blank line, carrying the blank lines before it, keyed by
 * where it stands (package, table, array), so equal lines in different places stay apart.
 */
function tokenize(lockText) {
  const tokens = [];
  let pendingBlank = "";
  let pkg = "";
  let table = "";
  let array = "";
  const lines = lockText.split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line === "") {
      pendingBlank += "\n";
      continue;
    }
    if (line === "[[package]]") {
      const name = /^name = "(.*)"$/.exec(lines[i + 1] ?? "")?.[1];
      const version = /^version = "(.*)"$/.exec(lines[i + 2] ?? "")?.[1] ?? "";
      pkg = `${name}@${version}`;
      table = "";
      array = "";
    } else if (line.startsWith("[")) {
      table = line;
      array = "";
    } else if (/^\S.* = \[$/.test(line)) {
      array = line;
    }
    const text = pendingBlank + line;
    tokens.push({ key: `${pkg}|${table}|${array}|${text}`, text });
    pendingBlank = "";
    if (line === "]") array = "";
  }
  return tokens;
}

/**
 * One order of all tokens that keeps every sequence's own order: a topological sort of
 * "comes right after" edges. Tokens that never meet in one lock file are unordered, and
 * their order then does not matter; ties go to the token seen first.
 */
function mergeOrder(sequences) {
  const rank = new Map();
  const tokens = new Map();
  const next = new Map();
  const incoming = new Map();
  for (const sequence of sequences) {
    sequence.forEach((token, index) => {
      if (!tokens.has(token.key)) {
        tokens.set(token.key, token);
        rank.set(token.key, rank.size);
        next.set(token.key, new Set());
        incoming.set(token.key, 0);
      }
      const before = sequence[index - 1];
      if (before && !next.get(before.key).has(token.key)) {
        next.get(before.key).add(token.key);
        incoming.set(token.key, incoming.get(token.key) + 1);
      }
    });
  }
  const ready = [...tokens.keys()].filter((key) => incoming.get(key) === 0);
  const order = [];
  while (ready.length > 0) {
    ready.sort((a, b) => rank.get(b) - rank.get(a));
    const key = ready.pop();
    order.push(tokens.get(key));
    for (const after of next.get(key)) {
      incoming.set(after, incoming.get(after) - 1);
      if (incoming.get(after) === 0) ready.push(after);
    }
  }
  if (order.length !== tokens.size) throw new Error("the lock files disagree on the order of some lines");
  return order;
}

/** Literals a condition is built from; each selects a subset of COMBOS. */
const LITERALS = [
  { js: "features.worker", test: (c) => c.worker },
  { js: "!features.worker", test: (c) => !c.worker },
  { js: "features.storage", test: (c) => c.storage },
  { js: "!features.storage", test: (c) => !c.storage },
  ...EMAILS.flatMap((e) => [
    { js: `email === "${e}"`, test: (c) => c.email === e },
    { js: `email !== "${e}"`, test: (c) => c.email !== e },
  ]),
];

/** The shortest `a && b || c` expression true for exactly the combinations in `present`. */
function condition(present) {
  const all = COMBOS.map((_, i) => i);
  if (present.size === COMBOS.length) return undefined;
  const terms = [[]];
  for (const a of LITERALS) {
    terms.push([a]);
    for (const b of LITERALS) if (a.js < b.js) terms.push([a, b]);
  }
  const matches = (term) => all.filter((i) => term.every((lit) => lit.test(COMBOS[i])));
  const usable = terms.map((term) => ({ term, hits: matches(term) })).filter((t) => t.hits.length > 0 && t.hits.every((i) => present.has(i)));
  const chosen = [];
  const uncovered = new Set(present);
  while (uncovered.size > 0) {
    let best;
    for (const t of usable) {
      const gain = t.hits.filter((i) => uncovered.has(i)).length;
      if (gain > 0 && (!best || gain > best.gain || (gain === best.gain && t.term.length < best.t.term.length))) best = { t, gain };
    }
    if (!best) throw new Error(`no condition selects combinations ${[...present].map((i) => comboName(COMBOS[i])).join(", ")}`);
    chosen.push(best.t.term);
    for (const i of best.t.hits) uncovered.delete(i);
  }
  return chosen.map((term) => term.map((lit) => lit.js).join(" && ")).join(" || ");
}

function buildTemplate(locks) {
  const sequences = locks.map((text) => tokenize(text));
  const presence = new Map();
  sequences.forEach((sequence, comboIndex) => {
    for (const token of sequence) {
      if (!presence.has(token.key)) presence.set(token.key, new Set());
      presence.get(token.key).add(comboIndex);
    }
  });
  const merged = mergeOrder(sequences);
  const out = [];
  let open;
  for (const token of merged) {
    const cond = condition(presence.get(token.key));
    if (cond !== open) {
      if (open !== undefined) out.push("<%_ } _%>");
      if (cond !== undefined) out.push(`<%_ if (${cond}) { _%>`);
      open = cond;
    }
    out.push(token.text.replaceAll(`"${LOCK_NAME}"`, '"<%= name %>"'));
  }
  if (open !== undefined) out.push("<%_ } _%>");
  return `${out.join("\n")}\n`;
}

function lockAll(upgrade) {
  const existing = fs.existsSync(lockTemplate);
  const locks = [];
  for (const combo of COMBOS) {
    const seed = existing && !upgrade ? renderLock(combo) : locks[0];
    const dir = scratch(combo, LOCK_NAME, seed);
    try {
      uvLock(dir, upgrade && locks.length === 0 ? ["--upgrade"] : []);
      locks.push(fs.readFileSync(path.join(dir, "uv.lock"), "utf8"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(`locked ${comboName(combo)}\n`);
  }
  return locks;
}

/** Packages of a lock file that nothing depends on (uv accepts such extras silently). */
function unreachablePackages(lockText, rootName) {
  const references = new Map();
  for (const block of lockText.split("\n[[package]]\n").slice(1)) {
    const name = /^name = "(.*)"$/m.exec(block)?.[1];
    const uses = [...block.matchAll(/^\s+\{ name = "([^"]+)"/gm)].map((m) => m[1]);
    references.set(name, new Set([...(references.get(name) ?? []), ...uses]));
  }
  const seen = new Set([rootName]);
  const queue = [rootName];
  while (queue.length > 0) {
    for (const used of references.get(queue.pop()) ?? []) {
      if (!seen.has(used)) {
        seen.add(used);
        queue.push(used);
      }
    }
  }
  return [...references.keys()].filter((name) => !seen.has(name));
}

/**
 * For every combination, under two app names (the root package sorts differently):
 * uv accepts the lock as it is, and it holds no package that nothing uses.
 */
export function checkAll() {
  const failures = [];
  for (const combo of COMBOS) {
    for (const name of ["aaa-check-app", "zzz-check-app"]) {
      const lock = renderLock(combo, name);
      const unused = unreachablePackages(lock, name);
      if (unused.length > 0) failures.push(`${comboName(combo)}: unused packages ${unused.join(", ")}`);
      const dir = scratch(combo, name, lock);
      try {
        uvLock(dir, ["--locked"]);
      } catch (error) {
        failures.push(`${comboName(combo)} (${name}): ${String(error.stderr ?? error).trim()}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return failures;
}

function main(argv) {
  if (argv.includes("--check")) {
    const failures = checkAll();
    if (failures.length > 0) {
      process.stderr.write(`templates/uv.lock.ejs is out of date; run node scripts/lock-python-templates.mjs\n${failures.join("\n")}\n`);
      process.exit(1);
    }
    process.stdout.write(`templates/uv.lock.ejs locks all ${COMBOS.length} combinations exactly\n`);
    return;
  }
  const locks = lockAll(argv.includes("--upgrade"));
  fs.writeFileSync(lockTemplate, buildTemplate(locks));
  // The template must give back each lock file uv wrote, byte for byte.
  COMBOS.forEach((combo, index) => {
    if (renderLock(combo) !== locks[index]) throw new Error(`template does not reproduce ${comboName(combo)}`);
  });
  process.stdout.write(`wrote ${path.relative(root, lockTemplate)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
