/**
 * The Docker engine the system test runs on: Debian's docker.io, started here
 * with the cgroupfs driver and bounded ulimits (see DESIGN.md) unless one runs.
 */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { run, tryRun, waitFor } from "./run.js";
import { systemState } from "./paths.js";

const DOCKERD_ARGS = [
  "--exec-opt",
  "native.cgroupdriver=cgroupfs",
  "--default-ulimit",
  "nofile=1024:1024",
  "--default-ulimit",
  "nproc=4096:4096",
];

let ownDaemon = false;

export function engineIsUp(): boolean {
  return tryRun("docker", ["info", "--format", "{{.ServerVersion}}"], { timeout: 20_000 }).status === 0;
}

export async function ensureEngine(): Promise<void> {
  if (engineIsUp()) return;
  startDaemon();
  await waitFor("the Docker engine", () => (engineIsUp() ? true : undefined), 60_000);
}

function startDaemon(): void {
  fs.mkdirSync(systemState, { recursive: true });
  const log = fs.openSync(path.join(systemState, "dockerd.log"), "a");
  const child = spawn("dockerd", DOCKERD_ARGS, { detached: true, stdio: ["ignore", log, log] });
  child.unref();
  ownDaemon = true;
}

/**
 * Restarts the engine: every container stops, then comes back by its restart
 * policy. When the test did not start the engine itself, every container is
 * restarted instead (the scenario allows either).
 */
export async function restartEngine(): Promise<"engine" | "containers"> {
  if (!ownDaemon) {
    const ids = run("docker", ["ps", "-q"]).split("\n").filter(Boolean);
    run("docker", ["restart", "--time", "20", ...ids]);
    return "containers";
  }
  const pid = Number(run("pidof", ["dockerd"]).trim());
  process.kill(pid, "SIGTERM");
  await waitFor("dockerd to stop", () => (tryRun("pidof", ["dockerd"]).status !== 0 ? true : undefined), 90_000);
  startDaemon();
  await waitFor("the Docker engine", () => (engineIsUp() ? true : undefined), 60_000);
  return "engine";
}
