/** Where the package lives, found the same way from the bundle and from source. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "create-towlion-app";

export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`internal: cannot find the ${PACKAGE_NAME} package above ${from}`);
  }
}

export function packageVersion(root: string): string {
  return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version as string;
}

export function templatesDir(root: string): string {
  return path.join(root, "templates");
}
