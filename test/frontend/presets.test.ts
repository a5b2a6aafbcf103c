/**
 * The generated frontend of every preset that has one passes its own checks, the way its CI
 * runs them: `npm ci`, type check, lint, format check, unit tests, production build, the
 * API client drift check against the preset's real backend, and the browser tests in headless
 * Chromium against the real backend, PostgreSQL, Redis and S3, routed by Caddy like production.
 * The notes page screenshot of each run is kept under test/artifacts/frontend/.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restrictedRedisUser, run, type RunResult, toolEnv, uv } from "../backend/support/python.js";
import { generateApp, PRESET_FLAGS, scratchDir } from "../support/generate.js";
import { repoRoot, toolsBin } from "../support/paths.js";
import { testServices } from "../support/services.js";
import { startStandalone, fileStates } from "./support/standalone.js";
import { createDatabase, deleteBucket, freePort } from "./support/stack.js";

/** One name for every preset, so their frontends can be compared file by file. */
const APP = `fe-${crypto.randomBytes(2).toString("hex")}`;
const PRESETS = ["full", "no-storage", "no-worker"] as const;
type FrontendPreset = (typeof PRESETS)[number];
const npmCache = path.join(repoRoot, ".tmp", "npm-cache");
const artifacts = path.join(repoRoot, "test", "artifacts", "frontend");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const appDirs = new Map<FrontendPreset, string>();
const timings: string[] = [];

function frontendOf(preset: FrontendPreset): string {
  return path.join(appDirs.get(preset) ?? "", "frontend");
}

function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return toolEnv({ npm_config_cache: npmCache, NEXT_TELEMETRY_DISABLED: "1", CI: "1", UV: path.join(toolsBin, "uv"), ...extra });
}

function expectSuccess(step: string, result: RunResult): void {
  timings.push(`${step}: ${result.seconds.toFixed(1)} s`);
  expect(result.status, `${step} failed:\n${result.output.slice(-12_000)}`).toBe(0);
}

function npm(preset: FrontendPreset, args: string[], env = npmEnv()): RunResult {
  return run("npm", args, frontendOf(preset), env, 900_000);
}

/** What installs, builds and test runs add to a generated frontend. */
const PRODUCED = /^(node_modules|\.next|test-results|playwright-report)\/|^next-env\.d\.ts$|\.tsbuildinfo$/;

/** Every generated file of a frontend with its content, for comparing two presets. */
function contents(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = path.relative(folder, path.join(entry.parentPath, entry.name));
    if (entry.isFile() && !PRODUCED.test(file)) files.set(file, fs.readFileSync(path.join(folder, file), "utf8"));
  }
  return files;
}

beforeAll(() => {
  for (const preset of PRESETS) {
    appDirs.set(preset, generateApp(scratchDir(`frontend-${preset}`), APP, PRESET_FLAGS[preset], { git: false }));
  }
  // The presets' package.json and lock file are identical (asserted below), so one `npm ci`
  // serves them all: the others get hard-linked copies of its node_modules.
  expectSuccess("npm ci", npm("full", ["ci", "--no-audit", "--no-fund"]));
  for (const preset of PRESETS.filter((p) => p !== "full")) {
    const copy = run("cp", ["-al", path.join(frontendOf("full"), "node_modules"), frontendOf(preset)], repoRoot, process.env);
    expect(copy.status, copy.output).toBe(0);
  }
});

afterAll(() => {
  console.log(`frontend preset timings\n  ${timings.join("\n  ")}`);
  // The generated sources and test results stay for inspection; installs and builds go.
  for (const appDir of appDirs.values()) {
    for (const produced of ["frontend/node_modules", "frontend/.next", ".venv"]) {
      fs.rmSync(path.join(appDir, produced), { recursive: true, force: true });
    }
  }
});

it("every frontend preset installs the same packages from one lock file, from the npm registry only", () => {
  const lock = JSON.parse(fs.readFileSync(path.join(frontendOf("full"), "package-lock.json"), "utf8")) as {
    packages: Record<string, { resolved?: string; integrity?: string; link?: boolean }>;
  };
  const installed = Object.entries(lock.packages).filter(([key, entry]) => key !== "" && !entry.link);
  expect(installed.length).toBeGreaterThan(100);
  for (const [key, entry] of installed) {
    // Without a download address npm fetches from the registry it is configured with.
    if (entry.resolved !== undefined) expect(entry.resolved, key).toMatch(/^https:\/\/registry\.npmjs\.org\//);
    expect(entry.integrity, key).toMatch(/^sha512-/);
  }
  for (const preset of PRESETS) {
    for (const file of ["package.json", "package-lock.json"]) {
      expect(fs.readFileSync(path.join(frontendOf(preset), file), "utf8")).toBe(
        fs.readFileSync(path.join(frontendOf("full"), file), "utf8"),
      );
    }
  }
});

it("leaves storage code out of the frontend without the storage feature", () => {
  const files = contents(frontendOf("no-storage"));
  expect([...files.keys()].filter((file) => file.includes("attachments"))).toEqual([]);
  for (const [file, text] of files) {
    expect(text, file).not.toMatch(/attachment|S3_|bucket|uploads/i);
  }
});

/**
 * no-worker's frontend differs from full's only in how its browser tests start the backend
 * (no Celery worker) and in its README: its sources are byte-identical, so full's unit tests and build stand for
 * it, and its own browser tests walk the storage flow with uploads processed inline.
 */
function sharesBuildWithFull(preset: FrontendPreset): boolean {
  if (preset !== "no-worker") return false;
  const buildInputs = (files: Map<string, string>) =>
    new Map([...files].filter(([file]) => !/^(e2e\/|playwright\.config\.ts$|README\.md$)/.test(file)));
  expect(buildInputs(contents(frontendOf(preset)))).toEqual(buildInputs(contents(frontendOf("full"))));
  return true;
}

/** Browser tests that do not depend on the feature set run once, with the full preset. */
const E2E_SPECS: Record<FrontendPreset, string[]> = {
  full: [],
  "no-storage": ["e2e/walkthrough.spec.ts"],
  "no-worker": ["e2e/walkthrough.spec.ts"],
};

describe.each(PRESETS)("generated frontend, preset %s", (preset) => {
  let sharedBuild = false;

  beforeAll(() => {
    sharedBuild = sharesBuildWithFull(preset);
    expectSuccess(`${preset} uv sync --locked`, uv(["sync", "--locked"], appDirs.get(preset) ?? ""));
  });

  it("type-checks, lints, is formatted and passes its unit tests", () => {
    for (const script of ["typecheck", "lint", "format:check", ...(sharedBuild ? [] : ["test"])]) {
      expectSuccess(`${preset} npm run ${script}`, npm(preset, ["run", script]));
    }
  });

  it("commits the API client that its backend's OpenAPI schema produces", () => {
    expectSuccess(`${preset} npm run api:check`, npm(preset, ["run", "api:check"]));
    if (preset !== "full") return;
    // The check must fail when the committed client drifts from the backend.
    const client = path.join(frontendOf(preset), "src", "api", "schema.d.ts");
    const committed = fs.readFileSync(client, "utf8");
    fs.writeFileSync(client, committed.replace('"/api/notes"', '"/api/memos"'));
    try {
      const drifted = npm(preset, ["run", "api:check"]);
      expect(drifted.status).toBe(1);
      expect(drifted.output).toContain("does not match the backend's API");
    } finally {
      fs.writeFileSync(client, committed);
    }
  });

  it("builds the standalone production server", () => {
    const output = path.join(frontendOf(preset), ".next");
    if (sharedBuild) {
      fs.rmSync(output, { recursive: true, force: true });
      fs.cpSync(path.join(frontendOf("full"), ".next"), output, { recursive: true });
    } else {
      expectSuccess(`${preset} npm run build`, npm(preset, ["run", "build"]));
    }
    expect(fs.existsSync(path.join(output, "standalone", "server.js"))).toBe(true);
  });

  it("passes its browser tests in Chromium against the real backend, through Caddy", async () => {
    const services = testServices();
    const database = createDatabase(services, preset);
    const redis = restrictedRedisUser(services, APP);
    const storage = preset !== "no-storage";
    const bucket = `${APP}-uploads`;
    try {
      const env = npmEnv({
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        S3_ENDPOINT: services.s3.endpoint,
        S3_ACCESS_KEY: services.s3.accessKey,
        S3_SECRET_KEY: services.s3.secretKey,
        S3_REGION: services.s3.region,
        S3_BUCKET: bucket,
        CHROMIUM_PATH: chromium,
        E2E_PORT: String(await freePort()),
        E2E_BACKEND_PORT: String(await freePort()),
        E2E_FRONTEND_PORT: String(await freePort()),
      });
      const result = npm(preset, ["run", "test:e2e", "--", ...E2E_SPECS[preset]], env);
      expectSuccess(`${preset} npm run test:e2e ${E2E_SPECS[preset].join(" ")}`, result);
      const results = path.join(frontendOf(preset), "test-results");
      const screenshot = fs.readdirSync(results, { recursive: true, encoding: "utf8" }).find((file) => file.endsWith("notes.png"));
      expect(screenshot, "the walkthrough saves a screenshot of the notes page").toBeDefined();
      fs.mkdirSync(artifacts, { recursive: true });
      fs.copyFileSync(path.join(results, screenshot ?? ""), path.join(artifacts, `${preset}-notes.png`));
    } finally {
      if (storage) deleteBucket(services, appDirs.get(preset) ?? "", bucket);
      redis.drop();
      database.drop();
    }
  });
});

// Runs after the presets: it serves the full preset's build.
it("the production server writes nothing to its own files, and names a missing backend address", async () => {
  const standalone = path.join(frontendOf("full"), ".next", "standalone");
  const server = await startStandalone(frontendOf("full"), await freePort(), {});
  try {
    const before = fileStates(standalone);
    const status = async (page: string, headers: Record<string, string> = {}) =>
      (await fetch(`${server.url}${page}`, { headers, redirect: "manual" })).status;
    expect(await status("/sign-in")).toBe(200);
    expect(await status("/sign-up")).toBe(200);
    expect(await status("/no-such-page")).toBe(404);
    expect(await status("/notes")).toBe(307);
    // A page that needs the backend, without BACKEND_INTERNAL_URL: an error page, and a log line saying why.
    expect(await status("/notes", { cookie: "session=x" })).toBe(500);
    expect(server.output()).toContain("BACKEND_INTERNAL_URL is not set");
    expect(fileStates(standalone)).toEqual(before);
  } finally {
    await server.stop();
  }
});
