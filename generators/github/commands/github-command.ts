/**
 * `towlion github`: the GitHub part of `create`, run in a generated app's
 * directory. It is how a failed or skipped --github is finished: whatever is
 * already done (repository, push, secrets, environment) is found and skipped.
 */
import path from "node:path";
import type { Io } from "../../pipeline/context.js";
import { validateGitHubOwner } from "../../options/validate.js";
import { VISIBILITIES, type Visibility } from "../../options/types.js";
import { readManifest } from "../manifest.js";
import { publishToGitHub } from "../publish.js";
import { reportOutcome } from "./command-outcome.js";
import { flagsHelp, parseFlags, type FlagSpec } from "./flags.js";
import { repeatCommand, SECRET_FLAGS, secretInputsFrom } from "./secret-flags.js";

const FLAGS: readonly FlagSpec[] = [
  { name: "dir", value: "<path>", help: "The app's directory (default: the current directory)" },
  {
    name: "owner",
    value: "<owner>",
    help: "GitHub user or organisation (default: the token's user)",
    validate: validateGitHubOwner,
  },
  {
    name: "visibility",
    value: "<private|public>",
    help: "Visibility of a repository that has to be created (default: private)",
    validate: (v) =>
      (VISIBILITIES as readonly string[]).includes(v)
        ? undefined
        : `--visibility must be private or public; got "${v}".`,
  },
  ...SECRET_FLAGS,
  { name: "help", help: "Show this help" },
];

export function gitHubHelp(): string {
  return `Usage: towlion github [options]

In a generated app's directory: create its GitHub repository (or reuse one
that is empty or already holds this app), push main, set the Actions secrets
and create the production environment. What is already done is skipped, so
this also finishes a run that stopped partway.

The token comes from GH_TOKEN or GITHUB_TOKEN, else from \`gh auth token\`.
GITHUB_API_URL and GITHUB_SERVER_URL point it at GitHub Enterprise Server.

Options
${flagsHelp(FLAGS)}
`;
}

export async function runGitHubCommand(argv: readonly string[], io: Io, version: string): Promise<number> {
  const flags = parseFlags("github", argv, FLAGS);
  if (flags.switches.has("help")) {
    io.stdout(gitHubHelp());
    return 0;
  }
  const dir = path.resolve(io.cwd, flags.values.get("dir") ?? ".");
  const app = readManifest(dir);
  const visibility = (flags.values.get("visibility") ?? "private") as Visibility;
  return reportOutcome(
    io,
    publishToGitHub({
      dir,
      name: app.name,
      owner: flags.values.get("owner") ?? "",
      visibility,
      description: `${app.name}, served at https://${app.appDomain} (made with create-towlion-app)`,
      secrets: secretInputsFrom(flags, app.appDomain),
      overwriteSecrets: flags.switches.has("overwrite-secrets"),
      cwd: io.cwd,
      env: io.env,
      userAgent: `create-towlion-app/${version} (towlion github)`,
      say: (line) => io.stdout(`${line}\n`),
    }),
    () => ({ dir, resumeCommand: repeatCommand(version, "github", flags, io.cwd, io.env, ["dir"]) }),
  );
}
