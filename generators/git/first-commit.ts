/** `git init -b main` and one real first commit, with simple-git. */
import fs from "node:fs";
import path from "node:path";
import { simpleGit, type ConfigValues, type SimpleGit } from "simple-git";

/** Used only when git knows no identity, for this one commit; the user is told. */
export const FALLBACK_IDENTITY = { name: "create-towlion-app", email: "create-towlion-app@users.noreply.github.com" };

export interface FirstCommit {
  sha: string;
  /** Set when the commit used the fallback identity. */
  identityWarning?: string;
}

/**
 * Git variables from a parent process (GIT_DIR from a hook, say) would point
 * us at another repository, so only the ones that name the user or their
 * config pass through. Editors, pagers and askpass programs are never needed
 * for init/add/commit, and simple-git refuses them.
 */
const PASSED_GIT_VARIABLES = [
  "GIT_AUTHOR_NAME",
  "GIT_AUTHOR_EMAIL",
  "GIT_COMMITTER_NAME",
  "GIT_COMMITTER_EMAIL",
  "GIT_CONFIG_GLOBAL",
  "GIT_CONFIG_NOSYSTEM",
];

const DROPPED_VARIABLES = new Set(["EDITOR", "VISUAL", "PAGER", "SSH_ASKPASS", "PREFIX"]);

function gitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) => !DROPPED_VARIABLES.has(key) && (!key.startsWith("GIT_") || PASSED_GIT_VARIABLES.includes(key)),
    ),
  );
}

function git(baseDir: string, env: NodeJS.ProcessEnv, config: string[] = []): SimpleGit {
  return simpleGit({
    baseDir,
    // A fresh repository never needs the maintenance a commit would start.
    config: ["maintenance.auto=false", ...config],
    // simple-git's default also waits 50 ms after each exit, and that timer keeps Node alive
    // after the last command; "close" alone already means all output has arrived.
    completion: { onClose: true, onExit: false },
    allowEnvironment: PASSED_GIT_VARIABLES,
    // GIT_CONFIG_GLOBAL is the user's own choice of config file: allowed on purpose.
    unsafe: { allowUnsafeConfigPaths: true },
  }).env(gitEnv(env));
}

export async function initAndCommit(dir: string, env: NodeJS.ProcessEnv, message: string): Promise<FirstCommit> {
  const repo = git(dir, env);
  if (!fs.existsSync(path.join(dir, ".git"))) await repo.init(["--initial-branch=main"]);
  const config = (await repo.listConfig()).all;
  const hasIdentity =
    (env.GIT_AUTHOR_NAME || configValue(config, "user.name")) &&
    (env.GIT_AUTHOR_EMAIL || configValue(config, "user.email"));
  const committer = hasIdentity
    ? repo
    : git(dir, env, [`user.name=${FALLBACK_IDENTITY.name}`, `user.email=${FALLBACK_IDENTITY.email}`]);
  // --verbose because simple-git waits a further 50 ms after any command that printed nothing.
  await committer.add(["--all", "--verbose"]);
  // simple-git commits with core.abbrev=40, so this is the full hash.
  const sha = (await committer.commit(message)).commit;
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new Error(`git reported no commit hash (got "${sha}")`);
  if (hasIdentity) return { sha };
  return {
    sha,
    identityWarning:
      `git has no user name or email, so the first commit is by ${FALLBACK_IDENTITY.name}. Set yours, then take the commit over:\n` +
      '  git config --global user.name "Your Name" && git config --global user.email you@example.com\n' +
      "  git commit --amend --reset-author --no-edit",
  };
}

/** The value git would use: the last one set, from the most specific file. */
function configValue(config: ConfigValues, key: string): string {
  const value = config[key];
  return (Array.isArray(value) ? value.at(-1) : value) ?? "";
}

/** The work tree that already contains `dir`, if any (the new repository would be nested in it). */
export async function enclosingWorkTree(dir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const top = (await git(dir, env).revparse(["--show-toplevel"])).trim();
    return top || undefined;
  } catch {
    return undefined;
  }
}
