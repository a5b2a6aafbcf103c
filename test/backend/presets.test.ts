/**
 * Every preset's generated backend passes its own checks: uv installs exactly the lock file,
 * ruff (lint and format) and mypy are clean, and its pytest suite (coverage enforced) passes
 * against real PostgreSQL, S3 and Redis, with a Redis user limited to the app's key prefix,
 * the way the platform provisions it, while a real Celery worker runs.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApp, PRESET_FLAGS, type PresetName, scratchDir } from "../support/generate.js";
import { testServices } from "../support/services.js";
import { backendDigest, pytestEnv, restrictedRedisUser, type RunResult, uv } from "./support/python.js";

/** One name for every preset, so presets that generate the same backend digest alike. */
const APP = `bk-${crypto.randomBytes(2).toString("hex")}`;
const PRESETS = Object.keys(PRESET_FLAGS) as PresetName[];
/** Backend digest -> the preset whose checks run on exactly these files. */
const checked = new Map<string, PresetName>();
const appDirs = new Map<PresetName, string>();
const timings: string[] = [];

function expectSuccess(step: string, result: RunResult): void {
  timings.push(`${step}: ${result.seconds.toFixed(1)} s`);
  expect(result.status, `${step} failed:\n${result.output.slice(-12_000)}`).toBe(0);
}

afterAll(() => {
  console.log(`backend preset timings\n  ${timings.join("\n  ")}`);
  for (const dir of appDirs.values()) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe.each(PRESETS)("generated backend, preset %s", (preset) => {
  let appDir = "";
  let sameAs: PresetName | undefined;

  beforeAll(() => {
    appDir = generateApp(scratchDir(`backend-${preset}`), APP, PRESET_FLAGS[preset], { git: false });
    appDirs.set(preset, appDir);
    const digest = backendDigest(appDir);
    sameAs = checked.get(digest);
    if (sameAs === undefined) checked.set(digest, preset);
  });

  it("installs from the lock file, lints, formats and type-checks clean", () => {
    if (sameAs !== undefined) {
      // Byte-identical backend files (e.g. full and api differ only in the frontend):
      // the same checks on the same files cannot give another answer.
      expect(backendDigest(appDir)).toBe(backendDigest(appDirs.get(sameAs) ?? ""));
      return;
    }
    expectSuccess(`${preset} uv sync --locked`, uv(["sync", "--locked"], appDir));
    expectSuccess(`${preset} ruff check`, uv(["run", "--no-sync", "ruff", "check", "."], appDir));
    expectSuccess(`${preset} ruff format --check`, uv(["run", "--no-sync", "ruff", "format", "--check", "."], appDir));
    expectSuccess(`${preset} mypy`, uv(["run", "--no-sync", "mypy"], appDir));
  });

  it("passes its own tests against the real services, Redis limited to the app prefix", () => {
    if (sameAs !== undefined) return; // see above: identical files were tested under `sameAs`
    const services = testServices();
    const redisUser = restrictedRedisUser(services, APP);
    try {
      const result = uv(["run", "--no-sync", "pytest", "-q", "-p", "no:cacheprovider"], appDir, pytestEnv(services, redisUser.url));
      expectSuccess(`${preset} pytest`, result);
      expect(result.output).toMatch(/Required test coverage of 90% reached/);
      // "N passed in …": nothing skipped, failed or in error.
      expect(result.output).toMatch(/^\d+ passed(, \d+ warnings?)? in [\d.]+s/m);
    } finally {
      redisUser.drop();
    }
  });
});
