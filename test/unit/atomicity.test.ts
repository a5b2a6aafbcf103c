import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { WriteFile } from "../../generators/pipeline/context.js";
import { writeFileDefault } from "../../generators/pipeline/stage.js";
import { scratchDir } from "../support/generate.js";
import { cleanEnv, runInProcess } from "../support/in-process.js";
import { builtBin } from "../support/paths.js";

const ARGS = ["shop", "--domain", "example.com", "--no-git"];

/** A template tree with a broken template in the middle of many good ones. */
function brokenTemplates(): string {
  const dir = scratchDir("broken-templates");
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `file-${String(i).padStart(2, "0")}.txt.ejs`), `<%= name %> ${i}\n`);
  fs.writeFileSync(path.join(dir, "file-10b.txt.ejs"), "<%= name %> <%= noSuchVariable %>\n");
  return dir;
}

function failingAfter(count: number): WriteFile {
  let written = 0;
  return (file, content, mode) => {
    if (++written > count) throw new Error("disk full (injected)");
    writeFileDefault(file, content, mode);
  };
}

describe("a failure or an interrupt leaves nothing behind", () => {
  it("when a template fails to render halfway", async () => {
    const cwd = scratchDir("atomic-render");
    const run = await runInProcess(ARGS, { cwd, templatesDir: brokenTemplates() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Rendering failed: file-10b\.txt: .*noSuchVariable is not defined/s);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("when writing fails halfway (staging removed, target never created)", async () => {
    const cwd = scratchDir("atomic-write");
    const run = await runInProcess(ARGS, { cwd, writeFile: failingAfter(1) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("disk full (injected)");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("when writing fails in missing parent directories it created", async () => {
    const cwd = scratchDir("atomic-parents");
    const run = await runInProcess(["apps/web/shop", "--domain", "example.com", "--no-git"], {
      cwd,
      writeFile: failingAfter(1),
    });
    expect(run.code).toBe(1);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("when git fails after the files were moved into place", async () => {
    const cwd = scratchDir("atomic-git");
    const config = path.join(cwd, "..", `${path.basename(cwd)}.gitconfig`);
    fs.writeFileSync(config, "[user]\n\tname = T\n\temail = t@example.com\n[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = false\n");
    const run = await runInProcess(["shop", "--domain", "example.com"], {
      cwd,
      env: cleanEnv({ GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: "1" }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^git could not make the first commit: .*gpg/s);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("removes only what it added to an existing directory", async () => {
    const cwd = scratchDir("atomic-existing");
    fs.writeFileSync(path.join(cwd, "LICENSE"), "MIT\n");
    const run = await runInProcess([".", "--name", "shop", "--domain", "example.com"], {
      cwd,
      writeFile: failingAfter(1),
    });
    expect(run.code).toBe(1);
    expect(fs.readdirSync(cwd)).toEqual(["LICENSE"]);
  });

  it("on SIGINT while writing (in process)", async () => {
    const cwd = scratchDir("atomic-sigint");
    const signals = new EventEmitter();
    let written = 0;
    const interruptingWrite: WriteFile = (file, content, mode) => {
      writeFileDefault(file, content, mode);
      if (++written === 1) signals.emit("SIGINT");
    };
    const run = await runInProcess(ARGS, { cwd, signals, writeFile: interruptingWrite });
    expect(run.exits).toEqual([130]);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain("Interrupted (SIGINT); everything this run created was removed.");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it.each(["write-files", "git-commit"])("on SIGINT before %s (the real bin)", async (step) => {
    const cwd = scratchDir(`atomic-bin-${step}`);
    const child = spawn(process.execPath, [builtBin, "shop", "--domain", "example.com"], {
      cwd,
      env: cleanEnv({ CREATE_TOWLION_APP_PAUSE_BEFORE: step }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    await new Promise<void>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes(`paused before ${step}`)) resolve();
      });
      child.on("exit", () => reject(new Error(`exited before pausing: ${stderr}`)));
    });
    // Before git-commit the app is already in place: the interrupt must take it away again.
    expect(fs.existsSync(path.join(cwd, "shop"))).toBe(step === "git-commit");
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain("Interrupted (SIGINT); everything this run created was removed.");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
