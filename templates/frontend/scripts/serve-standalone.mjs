// Runs the production build the way the container does: Next's standalone server, with the
// static files next to it (the Dockerfile copies them the same way). PORT and HOSTNAME apply.
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const standalone = path.resolve(".next", "standalone");
const server = path.join(standalone, "server.js");
if (!existsSync(server)) {
  console.error("No production build in .next/standalone: run `npm run build` first.");
  process.exit(1);
}
cpSync(path.resolve(".next", "static"), path.join(standalone, ".next", "static"), {
  recursive: true,
});
if (existsSync("public")) cpSync("public", path.join(standalone, "public"), { recursive: true });

await import(pathToFileURL(server).href);
