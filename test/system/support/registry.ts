/**
 * A local registry plays GHCR: the distribution registry (built from its Go
 * module by scripts/install-deps.sh), on loopback, which Docker accepts
 * without TLS. Images are pushed here by the test and pulled by the deploy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { systemState, toolsBin } from "./paths.js";
import { waitFor } from "./run.js";

export const REGISTRY = "127.0.0.1:5000";
let registry: ChildProcess | undefined;

export async function startRegistry(): Promise<void> {
  const dir = path.join(systemState, "registry");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, "config.yml");
  fs.writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\n  delete:\n    enabled: true\nhttp:\n  addr: ${REGISTRY}\n`,
  );
  const log = fs.openSync(path.join(dir, "registry.log"), "a");
  registry = spawn(path.join(toolsBin, "registry"), ["serve", config], { stdio: ["ignore", log, log] });
  await waitFor("the registry", async () => ((await fetch(`http://${REGISTRY}/v2/`)).ok ? true : undefined), 30_000);
}

export function stopRegistry(): void {
  registry?.kill();
  registry = undefined;
}
