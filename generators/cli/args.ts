/** argv → what the user asked for, unvalidated except for the shape of flags. */
import type { Answers } from "../options/answers.js";
import { QUESTIONS, type Question } from "../options/questions.js";
import { PRESETS, type Preset, type RunMode } from "../options/types.js";
import { UsageError } from "./errors.js";

export interface ParsedArgs {
  directory: string | undefined;
  given: Partial<Answers>;
  preset: Preset | undefined;
  mode: RunMode;
}

/** Flags that are not questions: how to run, not what to generate. */
export const MODE_FLAGS = {
  yes: { short: "y", help: "Accept the default for every question that has no flag" },
  "dry-run": { short: undefined, help: "Print the plan (files and side effects) and change nothing" },
  json: { short: undefined, help: "Print a machine-readable result on stdout (implies no prompts)" },
  help: { short: "h", help: "Show this help" },
  version: { short: "v", help: "Print the version" },
} as const;
type ModeFlag = keyof typeof MODE_FLAGS;

const PRESET_FLAG = "preset";

export function allFlagNames(): string[] {
  const names = QUESTIONS.flatMap((q) => (q.kind === "boolean" ? [q.flag, `no-${q.flag}`] : [q.flag]));
  return [...names, PRESET_FLAG, ...Object.keys(MODE_FLAGS)];
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const given: Partial<Answers> = {};
  const mode: RunMode = { yes: false, dryRun: false, json: false, help: false, version: false };
  const positionals: string[] = [];
  const seen = new Set<string>();
  let preset: Preset | undefined;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const { flag, inlineValue } = splitFlag(arg);
    const key = flag.replace(/^no-/, "");
    if (seen.has(key)) throw new UsageError(`--${key} is given more than once.`);
    seen.add(key);

    const takeValue = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const next = argv[i + 1];
      if (next === undefined || looksLikeFlag(next)) {
        throw new UsageError(`--${flag} needs a value, e.g. ${exampleFor(flag)}.`);
      }
      i++;
      return next;
    };

    const modeFlag = modeFlagFor(flag);
    if (modeFlag) {
      if (inlineValue !== undefined) throw new UsageError(`--${modeFlag} takes no value.`);
      setMode(mode, modeFlag);
      continue;
    }
    if (flag === PRESET_FLAG) {
      const value = takeValue();
      if (!(PRESETS as readonly string[]).includes(value))
        throw new UsageError(`--preset must be one of ${PRESETS.join(", ")}; got "${value}".`);
      preset = value as Preset;
      continue;
    }
    const question = QUESTIONS.find((q) => q.flag === key);
    if (!question || (flag !== key && question.kind !== "boolean")) throw unknownFlag(flag);
    setAnswer(given, question, flag === key, question.kind === "boolean" ? inlineValue : takeValue());
  }

  if (positionals.length > 1)
    throw new UsageError(
      `Expected one directory, got ${positionals.length}: ${positionals.map((p) => `"${p}"`).join(" ")}. Quote a path that contains spaces.`,
    );
  return { directory: positionals[0], given, preset, mode };
}

/** `--subdomain -x` passes "-x" on (to be rejected by validation); `--domain --yes` lacks a value. */
function looksLikeFlag(arg: string): boolean {
  return arg.startsWith("--") || Object.values(MODE_FLAGS).some((f) => f.short !== undefined && arg === `-${f.short}`);
}

function splitFlag(arg: string): { flag: string; inlineValue: string | undefined } {
  if (!arg.startsWith("--")) {
    const short = arg.slice(1);
    const entry = Object.entries(MODE_FLAGS).find(([, f]) => f.short === short);
    if (!entry) throw unknownFlag(short, "-");
    return { flag: entry[0], inlineValue: undefined };
  }
  const body = arg.slice(2);
  const eq = body.indexOf("=");
  return eq === -1 ? { flag: body, inlineValue: undefined } : { flag: body.slice(0, eq), inlineValue: body.slice(eq + 1) };
}

function modeFlagFor(flag: string): ModeFlag | undefined {
  return flag in MODE_FLAGS ? (flag as ModeFlag) : undefined;
}

function setMode(mode: RunMode, flag: ModeFlag): void {
  if (flag === "dry-run") mode.dryRun = true;
  else mode[flag] = true;
}

function setAnswer(given: Partial<Answers>, q: Question, positive: boolean, value: string | undefined): void {
  const target = given as Record<string, unknown>;
  switch (q.kind) {
    case "boolean":
      if (value !== undefined)
        throw new UsageError(`--${q.flag} takes no value; use --${q.flag} or --no-${q.flag}.`);
      target[q.key] = positive;
      return;
    case "choice": {
      const chosen = q.aliases?.[value as string] ?? (value as string);
      if (!q.choices.some((c) => c.value === chosen)) {
        const allowed = q.choices.map((c) => c.value).join(", ");
        throw new UsageError(`--${q.flag} must be one of ${allowed}; got "${value}".`);
      }
      target[q.key] = chosen;
      return;
    }
    case "text":
      target[q.key] = value;
  }
}

function exampleFor(flag: string): string {
  const q = QUESTIONS.find((x) => x.flag === flag);
  if (flag === PRESET_FLAG) return `--preset ${PRESETS[0]}`;
  if (!q) return `--${flag} <value>`;
  if (q.kind === "choice") return `--${flag} ${q.choices[0]?.value}`;
  return `--${flag} ${q.key === "domain" ? "example.com" : q.kind === "text" ? q.placeholder : ""}`.trim();
}

function unknownFlag(flag: string, dashes = "--"): UsageError {
  const closest = closestFlag(flag);
  const hint = closest ? ` Did you mean --${closest}?` : "";
  return new UsageError(`Unknown option ${dashes}${flag}.${hint} See --help.`);
}

/**
 * A near spelling (two edits at most, fewer for short words: `--key` is not `--yes`),
 * else the one flag that ends in it (`--owner` → `--github-owner`).
 */
function closestFlag(flag: string): string | undefined {
  const tolerance = Math.min(2, Math.floor(flag.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of allFlagNames()) {
    const distance = editDistance(flag, name);
    if (distance <= tolerance && (!best || distance < best.distance)) best = { name, distance };
  }
  if (best) return best.name;
  const endingWith = allFlagNames().filter((name) => name.endsWith(`-${flag}`));
  return endingWith.length === 1 ? endingWith[0] : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
