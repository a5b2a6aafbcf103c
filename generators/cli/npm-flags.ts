/**
 * `npm create towlion-app my-app --domain x` (npm 11) keeps `--domain` for
 * itself: the child sees `npm_config_domain=true` and "x" as a stray argument.
 * Generating from that would silently ignore what the user asked for.
 */
import { allFlagNames } from "./args.js";
import { UsageError } from "./errors.js";

/** npm's own settings that users also pass to `npx --yes`; never ours to claim. */
const NPM_OWNED = new Set(["yes"]);

export function detectSwallowedFlags(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (!env.npm_command) return; // not started by npm
  const swallowed = allFlagNames()
    .filter((flag) => !NPM_OWNED.has(flag) && !flag.startsWith("no-"))
    // A swallowed flag arrives as "true" (--x, its value becomes a stray argument)
    // or "" (--no-x); anything else is a setting from the user's .npmrc.
    .filter((flag) => ["true", ""].includes(env[`npm_config_${flag.replace(/-/g, "_")}`] ?? "unset"))
    .filter((flag) => !argv.some((a) => a === `--${flag}` || a === `--no-${flag}` || a.startsWith(`--${flag}=`)));
  if (swallowed.length === 0) return;
  const names = swallowed.map((f) => `--${f}`).join(", ");
  throw new UsageError(
    `npm kept ${names} for itself, so create-towlion-app never saw ${swallowed.length > 1 ? "them" : "it"}.\n` +
      "Put -- between npm's arguments and the app's, for example:\n" +
      "  npm create towlion-app@latest my-app -- --domain example.com --no-frontend",
  );
}
