/**
 * The Actions secrets with their values, read before anything is sent: a
 * missing or unusable key file is reported before GitHub is touched.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GitHubFailure } from "./failures.js";
import { type SecretInputs, wantedSecrets } from "./secrets-plan.js";
import { shellQuote } from "../cli/one-shot.js";

export interface SecretValue {
  name: string;
  /** undefined: not given (to be set by hand), or the key file not read yet. */
  value: string | undefined;
  /** The argument that feeds `gh secret set` by hand: `--body <value>` or `< <file>`. */
  handInput: string;
  /** The key file whose content is the value (SERVER_SSH_KEY). */
  file?: string;
}

/** A deploy key is a few kilobytes; anything much larger is the wrong file. */
const MAX_KEY_BYTES = 16 * 1024;

/** The secrets and their values, except the key file's content (see readKeyFiles). */
export function planSecretValues(inputs: SecretInputs, cwd: string, env: NodeJS.ProcessEnv): SecretValue[] {
  return wantedSecrets(inputs).map((secret) => {
    const given = inputs[secret.input];
    if (secret.input === "sshKeyFile") {
      if (given === "")
        return { name: secret.name, value: undefined, handInput: `< ${shellQuote(secret.placeholder)}` };
      const file = resolveKeyPath(given, cwd, env);
      return { name: secret.name, value: undefined, handInput: `< ${shellQuote(file)}`, file };
    }
    return {
      name: secret.name,
      value: given === "" ? undefined : given,
      handInput: `--body ${shellQuote(given === "" ? secret.placeholder : given)}`,
    };
  });
}

/** Reads (and checks) the key files; throws a GitHubFailure that says what is wrong with one. */
export function readKeyFiles(secrets: readonly SecretValue[]): SecretValue[] {
  return secrets.map((s) => (s.file ? { ...s, value: readPrivateKey(s.file) } : s));
}

/** Absolute path of the key file; a leading ~/ (typed at a prompt, where no shell expands it) is the home directory. */
export function resolveKeyPath(file: string, cwd: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME || os.homedir();
  const expanded = file === "~" || file.startsWith("~/") ? path.join(home, file.slice(1)) : file;
  return path.resolve(cwd, expanded);
}

function readPrivateKey(file: string): string {
  const fail = (why: string, fix: string[] = []): never => {
    throw new GitHubFailure("input", `The deploy key ${file} ${why}.`, fix);
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, [
      "Pass the private key of the server's deploy user: --ssh-key <file>",
    ]);
  }
  if (!stat.isFile()) fail("is not a file");
  if (stat.size > MAX_KEY_BYTES) fail(`is ${stat.size} bytes long; a private key is a few kilobytes`);
  const content = fs.readFileSync(file, "utf8");
  if (/^(ssh-|ecdsa-)\S+ AAAA/.test(content) || content.includes("PUBLIC KEY-----"))
    fail("is a public key; SERVER_SSH_KEY needs the private key (the same path without .pub)");
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(content)) fail("is not a private key in OpenSSH or PEM format");
  if (isPassphraseProtected(content))
    fail("is protected by a passphrase, which GitHub Actions cannot type", [
      'Make a key without a passphrase for deploys only: ssh-keygen -t ed25519 -N "" -f ~/.ssh/towlion_deploy',
    ]);
  return content;
}

function isPassphraseProtected(content: string): boolean {
  if (/Proc-Type: 4,ENCRYPTED|BEGIN ENCRYPTED PRIVATE KEY/.test(content)) return true;
  const openssh = content.match(/-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/);
  if (!openssh?.[1]) return false;
  // The OpenSSH key format names its cipher right after the magic: "none" means no passphrase.
  const body = Buffer.from(openssh[1].replace(/\s+/g, ""), "base64");
  const magic = "openssh-key-v1\0";
  if (body.length < magic.length + 4) return false;
  if (body.subarray(0, magic.length).toString("latin1") !== magic) return false;
  const length = body.readUInt32BE(magic.length);
  return body.subarray(magic.length + 4, magic.length + 4 + length).toString("latin1") !== "none";
}
