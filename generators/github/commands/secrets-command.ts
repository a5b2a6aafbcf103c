/**
 * `towlion secrets --repo owner/name …`: the Actions secrets (and the
 * production environment) on a repository that already has the app's code,
 * typically a fork, which GitHub creates without its parent's secrets.
 */
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../../cli/errors.js";
import type { Io } from "../../pipeline/context.js";
import { validateDomain } from "../../options/validate.js";
import { MANIFEST, readManifest } from "../manifest.js";
import { configureExisting } from "../publish.js";
import { reportOutcome } from "./command-outcome.js";
import { flagsHelp, parseFlags, type FlagSpec } from "./flags.js";
import { repeatCommand, SECRET_FLAGS, secretInputsFrom } from "./secret-flags.js";

const REPOSITORY = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*\/[A-Za-z0-9._-]+$/;

const FLAGS: readonly FlagSpec[] = [
  {
    name: "repo",
    value: "<owner/name>",
    help: "The repository, e.g. your fork (required)",
    validate: (v) => (REPOSITORY.test(v) ? undefined : `--repo must be owner/name, e.g. alice/shop; got "${v}".`),
  },
  {
    name: "app-domain",
    value: "<domain>",
    help: `Where the app is served (APP_DOMAIN; default: from ${MANIFEST} in the current directory)`,
    validate: (v) => validateDomain(v)?.replace(/^Domain/, "App domain"),
  },
  ...SECRET_FLAGS,
  { name: "help", help: "Show this help" },
];

export function secretsHelp(): string {
  return `Usage: towlion secrets --repo <owner/name> [options]

Set the Actions secrets the deploy workflows read on an existing repository,
such as a fork (forks start without secrets), and create its production
environment. Each value is encrypted here with the repository's public key;
only the names are printed. Secrets given no value are listed with the
command that sets them by hand.

Example, for a fork deployed to its own server:
  towlion secrets --repo alice/shop --server-host 203.0.113.7 \\
    --ssh-key ~/.ssh/shop_deploy --app-domain shop.alice.dev

Options
${flagsHelp(FLAGS)}
`;
}

export async function runSecretsCommand(argv: readonly string[], io: Io, version: string): Promise<number> {
  const flags = parseFlags("secrets", argv, FLAGS);
  if (flags.switches.has("help")) {
    io.stdout(secretsHelp());
    return 0;
  }
  const repository = flags.values.get("repo");
  if (!repository) throw new UsageError("towlion secrets needs --repo <owner/name>, e.g. --repo alice/shop.");
  const appDomain = flags.values.get("app-domain") ?? appDomainHere(io.cwd);
  return reportOutcome(
    io,
    configureExisting({
      repository,
      secrets: secretInputsFrom(flags, appDomain),
      overwriteSecrets: flags.switches.has("overwrite-secrets"),
      cwd: io.cwd,
      env: io.env,
      userAgent: `create-towlion-app/${version} (towlion secrets)`,
      say: (line) => io.stdout(`${line}\n`),
    }),
    () => ({ resumeCommand: repeatCommand(version, "secrets", flags, io.cwd, io.env) }),
  );
}

/** APP_DOMAIN from the app in the current directory, if this is one; "" (set by hand) otherwise. */
function appDomainHere(cwd: string): string {
  return fs.existsSync(path.join(cwd, MANIFEST)) ? readManifest(cwd).appDomain : "";
}
