/** The command that repeats an interactive run without a single question. */
import type { Answers } from "../options/answers.js";
import { QUESTIONS } from "../options/questions.js";
import { DEFAULT_PRESET } from "../options/types.js";

export function oneShotCommand(directory: string, answers: Answers): string {
  const args = ["npx", "create-towlion-app@latest", shellQuote(directory)];
  for (const q of QUESTIONS) {
    if (q.when && !q.when(answers)) continue;
    const value = answers[q.key];
    if (q.key === "name" && value === directory) continue;
    // An empty answer that is also the default ("set later") would only add `--flag ''` noise.
    if (value === "" && q.default(answers, DEFAULT_PRESET) === "") continue;
    if (typeof value === "boolean") args.push(value ? `--${q.flag}` : `--no-${q.flag}`);
    else args.push(`--${q.flag}`, shellQuote(value));
  }
  args.push("--yes");
  return args.join(" ");
}

export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./@:=+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
