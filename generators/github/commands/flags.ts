/** A small flag parser for the `towlion` subcommands: --flag value, --flag=value, and switches. */
import { UsageError } from "../../cli/errors.js";

export interface FlagSpec {
  name: string;
  /** Placeholder of the value; absent for a switch. */
  value?: string;
  help: string;
  validate?: (value: string) => string | undefined;
}

export interface ParsedFlags {
  values: Map<string, string>;
  switches: Set<string>;
}

export function parseFlags(command: string, argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const parsed: ParsedFlags = { values: new Map(), switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--"))
      throw new UsageError(`towlion ${command} takes no argument "${arg}"; see towlion ${command} --help.`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`Unknown option --${name} for towlion ${command}; see towlion ${command} --help.`);
    if (parsed.values.has(name) || parsed.switches.has(name))
      throw new UsageError(`--${name} is given more than once.`);
    if (!spec.value) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      parsed.switches.add(name);
      continue;
    }
    let value: string | undefined = eq === -1 ? argv[i + 1] : arg.slice(eq + 1);
    if (eq === -1) {
      if (value === undefined || value.startsWith("--"))
        throw new UsageError(`--${name} needs a value: --${name} ${spec.value}`);
      i++;
    }
    value = value as string;
    const problem = spec.validate?.(value);
    if (problem) throw new UsageError(problem);
    parsed.values.set(name, value);
  }
  return parsed;
}

export function flagsHelp(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => [`--${s.name}${s.value ? ` ${s.value}` : ""}`, s.help] as const);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`).join("\n");
}
