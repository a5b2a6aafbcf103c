/** Small helpers the GitHub tests share: environments, deploy keys, and a search for a leaked token. */
import { execFile, execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { cleanEnv } from "../in-process.js";
import type { GitHubStandin } from "./server.js";

/** The environment a run needs to talk to the stand-in: its URLs and a token; no gh, no ambient token. */
export function standinEnv(
  standin: GitHubStandin,
  token: string | undefined,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  const env = cleanEnv({
    CI: "1",
    GITHUB_API_URL: standin.apiUrl,
    GITHUB_SERVER_URL: standin.serverUrl,
    // The GitHub CLI (when installed) reads an empty configuration: not logged in anywhere.
    GH_CONFIG_DIR: emptyGhConfig(),
    ...extra,
  });
  delete env.GH_TOKEN;
  delete env.GITHUB_TOKEN;
  if (token !== undefined) env.GH_TOKEN = token;
  return env;
}

let ghConfig: string | undefined;
function emptyGhConfig(): string {
  ghConfig ??= fs.mkdtempSync(path.join(os.tmpdir(), "gh-config-empty-"));
  return ghConfig;
}

/** A GH_CONFIG_DIR in which the GitHub CLI is logged in to `host` with `token` (gh's own hosts.yml format). */
export function ghLoggedIn(host: string, login: string, token: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-config-"));
  fs.writeFileSync(
    path.join(dir, "hosts.yml"),
    `${host}:\n    oauth_token: ${token}\n    user: ${login}\n    git_protocol: https\n`,
    { mode: 0o600 },
  );
  return dir;
}

/** A real deploy key in OpenSSH format, made by ssh-keygen (without a passphrase unless given one). */
export function makeDeployKey(dir: string, passphrase = ""): { privateKey: string; file: string } {
  const file = path.join(dir, passphrase ? "deploy_key_locked" : "deploy_key");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", "towlion deploy", "-f", file]);
  return { privateKey: fs.readFileSync(file, "utf8"), file };
}

/** A PKCS#8 PEM key, the other format a deploy key comes in. */
export function makePemKey(dir: string): string {
  const { privateKey } = generateKeyPairSync("ed25519", {
    privateKeyEncoding: { format: "pem", type: "pkcs8" },
    publicKeyEncoding: { format: "pem", type: "spki" },
  });
  const file = path.join(dir, "deploy_key.pem");
  fs.writeFileSync(file, privateKey, { mode: 0o600 });
  return file;
}

/** Every file under `dir` (recursively) whose bytes contain `needle` or its Basic-auth form. */
export function filesContaining(dir: string, needle: string): string[] {
  const forms = [needle, Buffer.from(`x-access-token:${needle}`).toString("base64")].map((s) => Buffer.from(s));
  const hits: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const bytes = fs.readFileSync(full);
        if (forms.some((form) => bytes.includes(form))) hits.push(full);
      }
    }
  };
  walk(dir);
  return hits;
}

/**
 * A clone of a repository on the stand-in's git server, made with the token (as GitHub requires).
 * Asynchronous on purpose: the git server answers from this same process.
 */
export async function cloneFromStandin(
  standin: GitHubStandin,
  fullName: string,
  token: string,
  into: string,
): Promise<string> {
  const target = path.join(into, `clone-of-${fullName.replace("/", "-")}`);
  const header = `Authorization: Bearer ${token}`;
  await promisify(execFile)(
    "git",
    ["-c", `http.extraHeader=${header}`, "clone", "--quiet", `${standin.serverUrl}/${fullName}.git`, target],
    {
      env: { ...cleanEnv(), GIT_TERMINAL_PROMPT: "0" },
      timeout: 30_000,
    },
  );
  return target;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" }).trim();
}
