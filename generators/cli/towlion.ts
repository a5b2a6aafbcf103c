/**
 * `towlion`: commands for an app after `create`. Each subcommand is loaded
 * only when it runs, so `towlion --help` stays instant.
 */
import tty from "node:tty";
import type { Io } from "../pipeline/context.js";
import { exitCodeOf, UsageError } from "./errors.js";
import { packageRoot, packageVersion } from "./package-info.js";

interface Command {
  summary: string;
  run: (argv: readonly string[], io: Io, version: string) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  github: {
    summary: "Create the app's GitHub repository, push it, set its Actions secrets (skips what is done)",
    run: async (argv, io, version) =>
      (await import("../github/commands/github-command.js")).runGitHubCommand(argv, io, version),
  },
  secrets: {
    summary: "Set the Actions secrets on an existing repository, e.g. a fork",
    run: async (argv, io, version) =>
      (await import("../github/commands/secrets-command.js")).runSecretsCommand(argv, io, version),
  },
};

export function towlionHelp(version: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const commands = Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(width)}${command.summary}`)
    .join("\n");
  return `towlion ${version} (from create-towlion-app)

Usage
  npx -p create-towlion-app@latest towlion <command> [options]

Commands
${commands}

Run towlion <command> --help for its options.
`;
}

export async function runTowlion(argv: readonly string[], io: Io, version: string): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === "help" || first === "--help" || first === "-h") {
      io.stdout(towlionHelp(version));
      return 0;
    }
    if (first === "--version" || first === "-v") {
      io.stdout(`${version}\n`);
      return 0;
    }
    const command = COMMANDS[first];
    if (!command)
      throw new UsageError(
        `Unknown command "${first}". Commands: ${Object.keys(COMMANDS).join(", ")}. See towlion --help.`,
      );
    return await command.run(rest, io, version);
  } catch (error) {
    const known = error instanceof Error && error.name !== "Error";
    const message = error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error);
    io.stderr(`${known ? "" : "Unexpected error: "}${message}\n`);
    return exitCodeOf(error);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const io: Io = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    // isatty(), not process.stdin.isTTY: creating the stdin stream costs a few ms.
    isTTY: tty.isatty(0) && tty.isatty(1),
    env: process.env,
    cwd: process.cwd(),
  };
  return runTowlion(argv, io, packageVersion(packageRoot()));
}
