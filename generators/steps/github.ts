/**
 * --github: create the GitHub repository, push the first commit, set the
 * Actions secrets and the production environment. The GitHub code (and
 * octokit with it) is loaded only here.
 *
 * The app is complete by now, so a GitHub failure keeps it: the run exits 1
 * and says what was done on GitHub, what is left, and how to finish.
 */
import type { AppConfig } from "../app/config.js";
import { shellQuote } from "../cli/one-shot.js";
import { need, type Context, type Step } from "../pipeline/context.js";

/** Exit code 1; the generated app stays. */
export class GitHubStepError extends Error {
  override readonly name = "GitHubStepError";
  readonly exitCode = 1;
}

export const gitHubStep: Step = async (ctx) => {
  const config = need(ctx, "config");
  if (!config.github.enabled) return;
  const targetDir = need(ctx, "targetDir");
  const commit = need(ctx, "commit");
  keepTheApp(ctx);

  const json = need(ctx, "parsed").mode.json;
  // With --json, stdout carries one JSON document; progress goes to stderr.
  const say = (line: string): void => (json ? ctx.io.stderr(`${line}\n`) : ctx.io.stdout(`${line}\n`));
  const [
    { publishToGitHub, PublishError },
    { GitHubFailure },
    { byHandMessage, unfinishedMessage },
    { resolveKeyPath },
  ] = await Promise.all([
    import("../github/publish.js"),
    import("../github/failures.js"),
    import("../github/report.js"),
    import("../github/secret-values.js"),
  ]);
  const { github } = config;
  try {
    const result = await publishToGitHub({
      dir: targetDir,
      name: config.name,
      owner: github.owner,
      visibility: github.visibility,
      description: `${config.title}, served at https://${config.appDomain} (made with create-towlion-app)`,
      secrets: {
        serverHost: github.serverHost,
        serverUser: github.serverUser,
        sshKeyFile: github.sshKeyFile,
        serverHostKey: github.serverHostKey,
        appDomain: config.appDomain,
        previewDomain: github.previewDomain,
      },
      overwriteSecrets: false,
      cwd: ctx.io.cwd,
      env: ctx.io.env,
      userAgent: `create-towlion-app/${ctx.version}`,
      say,
      token: ctx.githubToken,
    });
    if (result.byHand.length > 0) ctx.warnings.push(byHandMessage(result.byHand));
  } catch (error) {
    if (!(error instanceof PublishError || error instanceof GitHubFailure)) throw error;
    const keyFile = github.sshKeyFile && resolveKeyPath(github.sshKeyFile, ctx.io.cwd, ctx.io.env);
    throw new GitHubStepError(
      unfinishedMessage(error, {
        dir: targetDir,
        preface: `The app itself is complete in ${targetDir} (first commit ${commit.slice(0, 7)}); nothing there was removed.`,
        resumeCommand: resumeCommand(config, keyFile, ctx.version),
      }),
    );
  }
};

/** From here on, nothing this run created is removed: the app is whole and committed. */
function keepTheApp(ctx: Context): void {
  for (const created of [...ctx.created.list()]) ctx.created.forget(created);
}

/** `towlion github` with the same GitHub answers; it reads the rest from towlion.json. */
function resumeCommand(config: AppConfig, keyFile: string, version: string): string {
  const { github } = config;
  const args = ["npx", "-p", `create-towlion-app@${version}`, "towlion", "github"];
  if (github.owner) args.push("--owner", github.owner);
  if (github.visibility !== "private") args.push("--visibility", github.visibility);
  if (github.serverHost) args.push("--server-host", github.serverHost);
  if (github.serverUser !== "deploy") args.push("--server-user", github.serverUser);
  if (keyFile) args.push("--ssh-key", keyFile);
  if (github.serverHostKey) args.push("--server-host-key", github.serverHostKey);
  if (github.previewDomain) args.push("--preview-domain", github.previewDomain);
  return args.map(shellQuote).join(" ");
}
