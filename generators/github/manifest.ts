/** The generated app's towlion.json: its name and where it is served, as `create` recorded them. */
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../cli/errors.js";
import { validateDomain, validateName, validateSubdomain } from "../options/validate.js";

export const MANIFEST = "towlion.json";

export interface AppManifest {
  name: string;
  /** <subdomain>.<domain>, or the domain itself when the subdomain is empty. */
  appDomain: string;
}

export function readManifest(dir: string): AppManifest {
  const file = path.join(dir, MANIFEST);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(
      `There is no ${MANIFEST} in ${dir}: run this in the app's directory, or pass --dir <app directory>.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const record = (data ?? {}) as Record<string, unknown>;
  const field = (key: string): string => {
    const value = record[key];
    if (typeof value !== "string") throw new UsageError(`${file} has no "${key}" string.`);
    return value;
  };
  const name = field("name");
  const domain = field("domain");
  const subdomain = field("subdomain");
  const problem = validateName(name) ?? validateDomain(domain) ?? validateSubdomain(subdomain);
  if (problem) throw new UsageError(`${file}: ${problem}`);
  return { name, appDomain: subdomain === "" ? domain : `${subdomain}.${domain}` };
}
