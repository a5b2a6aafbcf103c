import { QUESTIONS } from "../options/questions.js";
import { PRESETS } from "../options/types.js";
import { MODE_FLAGS } from "./args.js";

export function helpText(version: string): string {
  const rows: [string, string][] = [];
  for (const q of QUESTIONS) {
    if (q.kind === "boolean") rows.push([`--${q.flag}, --no-${q.flag}`, q.help]);
    else if (q.kind === "choice") rows.push([`--${q.flag} <${q.choices.map((c) => c.value).join("|")}>`, q.help]);
    else rows.push([`--${q.flag} ${q.placeholder}`, q.help]);
  }
  rows.push([`--preset <${PRESETS.join("|")}>`, "Feature defaults: full (all), api (no frontend), minimal (no frontend, worker, storage)"]);
  for (const [flag, { short, help }] of Object.entries(MODE_FLAGS)) rows.push([short ? `-${short}, --${flag}` : `--${flag}`, help]);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const options = rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`).join("\n");

  return `create-towlion-app ${version}: a FastAPI + Next.js app repository, ready for a Towlion server.

Usage
  npm create towlion-app@latest [directory] -- [options]
  npx create-towlion-app@latest [directory] [options]

  With a terminal attached, every value without a flag is asked for.
  Without one (or with CI set), nothing is asked: the directory and --domain
  are required unless --yes accepts the defaults.

Options
${options}

Example, no questions asked:
  npx create-towlion-app@latest shop --domain example.com --subdomain shop \\
    --frontend --worker --storage --email postmark --git --no-github --yes

The directory may be "." (the current, empty directory), a relative or an absolute path.
With npm create, put -- before the options, or npm keeps them for itself.
`;
}
