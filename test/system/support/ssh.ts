/** The deploy key and the SSH client GitHub Actions would use, on loopback. */
import fs from "node:fs";
import path from "node:path";
import { systemState } from "./paths.js";
import { run, runAsync, type RunResult } from "./run.js";
import { onServerOk, SSH_PORT } from "./server.js";

const keyFile = path.join(systemState, "deploy_key");

export function makeDeployKey(): string {
  fs.mkdirSync(systemState, { recursive: true });
  fs.rmSync(keyFile, { force: true });
  fs.rmSync(`${keyFile}.pub`, { force: true });
  run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "towlion-system-test", "-f", keyFile]);
  return fs.readFileSync(`${keyFile}.pub`, "utf8").trim();
}

/** `ssh deploy@server <command>` with the restricted key; stdin may carry a registry token. */
export function sshDeploy(command: string, stdin = ""): Promise<RunResult> {
  return runAsync(
    "ssh",
    [
      "-i", keyFile,
      "-p", String(SSH_PORT),
      "-o", "BatchMode=yes",
      "-o", "IdentitiesOnly=yes",
      "-o", "StrictHostKeyChecking=yes",
      "-o", `UserKnownHostsFile=${path.join(systemState, "known_hosts")}`,
      "-o", "LogLevel=ERROR",
      "deploy@127.0.0.1",
      command,
    ],
    { input: stdin },
  );
}

/** Pins the server's host key, as the deploy workflow does with SERVER_HOST_KEY. */
export function pinHostKey(): void {
  const key = onServerOk("cat /etc/ssh/ssh_host_ed25519_key.pub").trim().split(" ").slice(0, 2).join(" ");
  fs.writeFileSync(path.join(systemState, "known_hosts"), `[127.0.0.1]:${SSH_PORT} ${key}\n`);
}
