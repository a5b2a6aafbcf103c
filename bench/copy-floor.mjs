#!/usr/bin/env node
// The least any Node program can do to produce our output: copy an already generated app
// with the same synchronous calls `create` uses, and nothing else (no CLI, no rendering).
//   node bench/copy-floor.mjs <file list (JSON)> <source dir> <new target dir>
// bench/create.mjs times it beside both tools, so a run shows how much of our time the
// files alone cost on that machine.
import fs from "node:fs";
import path from "node:path";

const [listFile, source, target] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(listFile, "utf8"));

const dirs = new Set();
for (const file of files) {
  for (let slash = file.indexOf("/"); slash !== -1; slash = file.indexOf("/", slash + 1)) dirs.add(file.slice(0, slash));
}
fs.mkdirSync(target);
for (const dir of dirs) fs.mkdirSync(path.join(target, dir));
for (const file of files) fs.writeFileSync(path.join(target, file), fs.readFileSync(path.join(source, file)), { flag: "wx" });
