/** The flags that give the Actions secrets their values, shared by `towlion github` and `towlion secrets`. */
import { shellQuote } from "../../cli/one-shot.js";
import { validateDomain, validateHost, validateHostKey, validateUnixUser } from "../../options/validate.js";
import type { SecretInputs } from "../secrets-plan.js";
import { resolveKeyPath } from "../secret-values.js";
import type { FlagSpec, ParsedFlags } from "./flags.js";

export const DEFAULT_SERVER_USER = "deploy";

const nonEmpty =
  (check: (value: string) => string | undefined, label: string) =>
  (value: string): string | undefined =>
    value === "" ? `${label} must not be empty; leave the flag out to set the secret later.` : check(value);

export const SECRET_FLAGS: readonly FlagSpec[] = [
  {
    name: "server-host",
    value: "<host>",
    help: "Server the deploy workflow reaches over SSH (SERVER_HOST)",
    validate: nonEmpty(validateHost, "--server-host"),
  },
  {
    name: "server-user",
    value: "<user>",
    help: `SSH user on the server (SERVER_USER; default ${DEFAULT_SERVER_USER})`,
    validate: validateUnixUser,
  },
  {
    name: "ssh-key",
    value: "<file>",
    help: "The deploy user's private key file (SERVER_SSH_KEY; never printed)",
    validate: nonEmpty(() => undefined, "--ssh-key"),
  },
  {
    name: "server-host-key",
    value: "<key>",
    help: 'The server\'s SSH host key, "ssh-ed25519 AAAA…" (SERVER_HOST_KEY)',
    validate: nonEmpty(validateHostKey, "--server-host-key"),
  },
  {
    name: "preview-domain",
    value: "<domain>",
    help: "Domain for pull-request previews, pr-<n>.<domain> (PREVIEW_DOMAIN)",
    validate: (v) => validateDomain(v)?.replace(/^Domain/, "Preview domain"),
  },
  { name: "overwrite-secrets", help: "Replace secrets that already exist (by default they are left as they are)" },
];

export function secretInputsFrom(flags: ParsedFlags, appDomain: string): SecretInputs {
  return {
    serverHost: flags.values.get("server-host") ?? "",
    serverUser: flags.values.get("server-user") ?? DEFAULT_SERVER_USER,
    sshKeyFile: flags.values.get("ssh-key") ?? "",
    serverHostKey: flags.values.get("server-host-key") ?? "",
    appDomain,
    previewDomain: flags.values.get("preview-domain") ?? "",
  };
}

/** The same command again, runnable from anywhere: the key file becomes an absolute path. */
export function repeatCommand(
  version: string,
  command: string,
  flags: ParsedFlags,
  cwd: string,
  env: NodeJS.ProcessEnv,
  omit: readonly string[] = [],
): string {
  const args = ["npx", "-p", `create-towlion-app@${version}`, "towlion", command];
  for (const [name, value] of flags.values) {
    if (omit.includes(name)) continue;
    args.push(`--${name}`, name === "ssh-key" ? resolveKeyPath(value, cwd, env) : value);
  }
  for (const name of flags.switches) if (name !== "help") args.push(`--${name}`);
  return args.map(shellQuote).join(" ");
}
