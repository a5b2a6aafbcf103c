#!/usr/bin/env node
// Benchmark of `create` against create-vite, in one run on one machine:
//   node bench/create.mjs [--runs 15]
// Prints medians and ratios for generation and --help, plus package footprint, and two
// baselines: Node with an empty script, and a bare copy of our output (bench/copy-floor.mjs).
// All files go under os.tmpdir(): TMPDIR=/dev/shm takes the disk's variance out of the figures.
// Needs the npm registry once (to install the pinned create-vite); run `npm run build` first.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const CREATE_VITE = "create-vite@9.3.0";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg === -1 ? 15 : Number(process.argv[runsArg + 1]);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "towlion-bench-"));

function npm(args, cwd) {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function installTarball(spec, label) {
  const prefix = path.join(work, label);
  fs.mkdirSync(prefix);
  npm(["install", "--prefix", prefix, "--no-audit", "--no-fund", spec], work);
  return prefix;
}

function duBytes(dir) {
  return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
}

function countPackages(nodeModules) {
  let count = 0;
  for (const entry of fs.readdirSync(nodeModules)) {
    if (entry.startsWith(".")) continue;
    if (entry.startsWith("@")) count += fs.readdirSync(path.join(nodeModules, entry)).length;
    else count += 1;
  }
  return count;
}

function timeOnce(command, args, cwd) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Install both the way users get them: ours from its packed tarball, create-vite from the registry.
const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", work], root));
const oursPrefix = installTarball(path.join(work, packed.filename), "ours");
const vitePrefix = installTarball(CREATE_VITE, "vite");
const ours = path.join(oursPrefix, "node_modules", ".bin", "create-towlion-app");
const vite = path.join(vitePrefix, "node_modules", ".bin", "create-vite");

// One app generated up front: its files are what the copy floor copies.
const countFiles = (dir) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
const probe = fs.mkdtempSync(path.join(work, "probe-"));
timeOnce(ours, ["app", "--domain", "example.com", "--preset", "full", "--no-git", "--yes"], probe);
timeOnce(vite, ["vite-app", "--template", "react-ts", "--no-interactive"], probe);
const probeApp = path.join(probe, "app");
const fileList = path.join(work, "files.json");
const appFiles = fs.readdirSync(probeApp, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
fs.writeFileSync(fileList, JSON.stringify(appFiles.map((e) => path.relative(probeApp, path.join(e.parentPath, e.name)))));
const copyFloor = path.join(root, "bench", "copy-floor.mjs");

// Interleave the contenders so drift in machine load hits all alike.
const samples = { ours: [], oursGit: [], vite: [], oursHelp: [], viteHelp: [], node: [], floor: [] };
for (let i = 0; i < RUNS; i++) {
  const dir = fs.mkdtempSync(path.join(work, "run-"));
  samples.ours.push(timeOnce(ours, ["app", "--domain", "example.com", "--preset", "full", "--no-git", "--yes"], dir));
  samples.oursGit.push(timeOnce(ours, ["app-git", "--domain", "example.com", "--preset", "full", "--yes"], dir));
  samples.vite.push(timeOnce(vite, ["vite-app", "--template", "react-ts", "--no-interactive"], dir));
  samples.oursHelp.push(timeOnce(ours, ["--help"], dir));
  samples.viteHelp.push(timeOnce(vite, ["--help"], dir));
  samples.node.push(timeOnce(process.execPath, ["-e", ""], dir));
  samples.floor.push(timeOnce(process.execPath, [copyFloor, fileList, probeApp, path.join(dir, "floor")], dir));
  // Every run's output stays until the end. ext4 passes over inodes freed in the last
  // minutes, so deleting as we go made file creation 5-10x slower in later runs, for
  // the tool writing 174 files far more than for the one writing 18.
}

const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
const figures = {
  runs: RUNS,
  node: process.version,
  generateMs: { ours: m.ours, oursWithGit: m.oursGit, createVite: m.vite, ratio: m.ours / m.vite, ratioWithGit: m.oursGit / m.vite },
  // Node starting with an empty script, and copying our output with nothing else (bench/copy-floor.mjs).
  nodeStartupMs: m.node,
  copyFloorMs: { floor: m.floor, createVite: m.vite, ratio: m.floor / m.vite },
  helpMs: { ours: m.oursHelp, createVite: m.viteHelp, ratio: m.oursHelp / m.viteHelp },
  filesWritten: { ours: countFiles(path.join(probe, "app")), createVite: countFiles(path.join(probe, "vite-app")) },
  packageBytes: { packed: packed.size, unpacked: packed.unpackedSize },
  installedBytes: {
    ours: duBytes(path.join(oursPrefix, "node_modules")),
    createVite: duBytes(path.join(vitePrefix, "node_modules")),
  },
  installedPackages: {
    ours: countPackages(path.join(oursPrefix, "node_modules")),
    createVite: countPackages(path.join(vitePrefix, "node_modules")),
  },
};

const f = (ms) => `${ms.toFixed(0)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
console.log(`create-towlion-app vs ${CREATE_VITE}, ${RUNS} runs each, medians (Node ${process.version}, ${os.cpus().length} cores)`);
console.log(`generate full preset, no git : ${f(m.ours)} vs ${f(m.vite)}  → ratio ${figures.generateMs.ratio.toFixed(2)}×`);
console.log(`generate full preset + git   : ${f(m.oursGit)}  → ratio ${figures.generateMs.ratioWithGit.toFixed(2)}×`);
console.log(`copy floor, bare, same files : ${f(m.floor)} vs ${f(m.vite)}  → ratio ${figures.copyFloorMs.ratio.toFixed(2)}×`);
console.log(`node, empty script           : ${f(m.node)}`);
console.log(`--help                       : ${f(m.oursHelp)} vs ${f(m.viteHelp)}  → ratio ${figures.helpMs.ratio.toFixed(2)}×`);
console.log(`files written                : ${figures.filesWritten.ours} vs ${figures.filesWritten.createVite}`);
console.log(`npm pack size                : ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked`);
console.log(`installed size               : ${kb(figures.installedBytes.ours)} vs ${kb(figures.installedBytes.createVite)}`);
console.log(`installed packages           : ${figures.installedPackages.ours} vs ${figures.installedPackages.createVite}`);
const results = path.join(root, "bench", ".work");
fs.mkdirSync(results, { recursive: true });
fs.writeFileSync(path.join(results, "create.json"), `${JSON.stringify(figures, null, 2)}\n`);
console.log(`(figures in ${path.relative(root, path.join(results, "create.json"))})`);
fs.rmSync(work, { recursive: true, force: true, maxRetries: 2 });
