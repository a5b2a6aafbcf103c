// The typed API client in src/api/schema.d.ts is generated from the backend's OpenAPI schema
// by openapi-typescript, and committed.
//
//   node scripts/api-client.mjs generate [--schema <file or URL>]   rewrite the client
//   node scripts/api-client.mjs check    [--schema <file or URL>]   fail if it is out of date
//
// Without --schema the schema comes straight from the backend code in ../app (through uv, no
// server or database needed); --schema http://127.0.0.1:8000/api/openapi.json asks a running one.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const CLIENT = path.join("src", "api", "schema.d.ts");
const OPENAPI_TYPESCRIPT = path.join("node_modules", ".bin", "openapi-typescript");

// Importing the app reads its settings; these stand-ins are never connected to.
const EXPORT_SCHEMA = `
import json, sys
from app.main import app
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(app.openapi(), out)
`;
const STAND_IN_SETTINGS = {
  ENVIRONMENT: "development",
  APP_DOMAIN: "localhost",
  DATABASE_URL: "postgresql://openapi@127.0.0.1:1/openapi",
  REDIS_URL: "redis://127.0.0.1:1/0",
};

function usage(message) {
  console.error(
    `${message}\nusage: node scripts/api-client.mjs generate|check [--schema <file or URL>]`,
  );
  process.exit(2);
}

async function loadSchema(source, workDir) {
  const file = path.join(workDir, "openapi.json");
  if (!source) {
    execFileSync(process.env.UV ?? "uv", ["run", "--frozen", "python", "-c", EXPORT_SCHEMA, file], {
      cwd: "..",
      env: { ...process.env, ...STAND_IN_SETTINGS },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } else if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source} answered ${response.status}`);
    writeFileSync(file, await response.text());
  } else {
    writeFileSync(file, readFileSync(source));
  }
  return file;
}

function renderClient(schemaFile, workDir) {
  const output = path.join(workDir, "schema.d.ts");
  execFileSync(OPENAPI_TYPESCRIPT, [schemaFile, "--output", output], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return readFileSync(output, "utf8");
}

function firstDifference(a, b) {
  const left = a.split("\n");
  const right = b.split("\n");
  const line = left.findIndex((text, index) => text !== right[index]);
  const at = line === -1 ? left.length : line;
  return `line ${at + 1}:\n  committed: ${left[at] ?? "(end of file)"}\n  generated: ${right[at] ?? "(end of file)"}`;
}

const [command, ...rest] = process.argv.slice(2);
if (command !== "generate" && command !== "check") usage(`unknown command "${command ?? ""}"`);
if (rest.length !== 0 && (rest.length !== 2 || rest[0] !== "--schema")) usage("bad arguments");

const workDir = mkdtempSync(path.join(os.tmpdir(), "api-client-"));
try {
  const generated = renderClient(await loadSchema(rest[1], workDir), workDir);
  if (command === "generate") {
    writeFileSync(CLIENT, generated);
    console.log(`wrote ${CLIENT}`);
  } else {
    const committed = existsSync(CLIENT) ? readFileSync(CLIENT, "utf8") : "";
    if (committed !== generated) {
      console.error(
        `${CLIENT} does not match the backend's API (${firstDifference(committed, generated)})\n` +
          "Run `npm run api:generate` and commit the result.",
      );
      process.exitCode = 1;
    } else {
      console.log(`${CLIENT} matches the backend's API`);
    }
  }
} catch (error) {
  console.error(`api-client: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
