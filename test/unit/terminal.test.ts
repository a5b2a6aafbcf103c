import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/generate.js";
import { cleanEnv } from "../support/in-process.js";
import { builtBin } from "../support/paths.js";
import { KEYS, PtySession } from "../support/pty.js";

function session(cwd: string, args: string[] = []): PtySession {
  return new PtySession(process.execPath, [builtBin, ...args], { cwd, env: cleanEnv({ TERM: "xterm-256color" }) });
}

describe("a real terminal session", () => {
  it("asks every question, takes keystrokes, and ends with a generated repository", async () => {
    const cwd = scratchDir("tty-full");
    const tty = session(cwd);
    let at = await tty.waitFor("App name");
    tty.type(`Shop Front${KEYS.enter}`);
    at = await tty.waitFor('may only contain lowercase letters, digits and hyphens. Try "shop-front"', at);
    tty.type(`${"\u007f".repeat(10)}shop${KEYS.enter}`);
    at = await tty.waitFor("Base domain", at);
    tty.type(`example.com${KEYS.enter}`);
    at = await tty.waitFor("Subdomain", at);
    tty.type(KEYS.enter); // default: the app name
    at = await tty.waitFor("Include a Next.js frontend?", at);
    tty.type(KEYS.enter); // default yes
    at = await tty.waitFor("Include a Celery worker?", at);
    tty.type(`n${KEYS.enter}`);
    at = await tty.waitFor("Include object storage", at);
    tty.type(KEYS.enter);
    at = await tty.waitFor("Email provider", at);
    tty.type(KEYS.down + KEYS.enter); // console → smtp
    at = await tty.waitFor("Initialise a git repository?", at);
    tty.type(KEYS.enter);
    at = await tty.waitFor("Create a GitHub repository and push to it?", at);
    tty.type(KEYS.enter); // default no
    at = await tty.waitFor("Created shop in", at);
    expect(await tty.exited).toBe(0);

    const repo = path.join(cwd, "shop");
    const manifest = JSON.parse(fs.readFileSync(path.join(repo, "towlion.json"), "utf8"));
    expect(manifest).toMatchObject({
      name: "shop",
      domain: "example.com",
      subdomain: "shop",
      features: { frontend: true, worker: false, storage: true },
      email: "smtp",
    });
    expect(fs.existsSync(path.join(repo, ".git", "HEAD"))).toBe(true);
    expect(tty.screen).toContain("To do the same again without questions:");
    expect(tty.screen).toContain(
      "npx create-towlion-app@latest shop --domain example.com --subdomain shop --frontend --no-worker --storage --email smtp --git --no-github --yes",
    );
  });

  it("asks only what the flags left open", async () => {
    const cwd = scratchDir("tty-partial");
    const tty = session(cwd, ["blog", "--domain", "example.com", "--no-frontend", "--no-worker", "--no-storage", "--email", "console", "--no-github"]);
    let at = await tty.waitFor("Subdomain");
    tty.type(`${"\u007f".repeat(4)}www${KEYS.enter}`);
    at = await tty.waitFor("Initialise a git repository?", at);
    tty.type(`n${KEYS.enter}`);
    await tty.waitFor("Created blog in", at);
    expect(await tty.exited).toBe(0);
    expect(tty.screen).not.toContain("App name");
    expect(tty.screen).not.toContain("Include a Next.js frontend?");
    expect(JSON.parse(fs.readFileSync(path.join(cwd, "blog", "towlion.json"), "utf8")).subdomain).toBe("www");
    expect(fs.existsSync(path.join(cwd, "blog", ".git"))).toBe(false);
  });

  it("Ctrl-C at a prompt exits with 130 and creates nothing", async () => {
    const cwd = scratchDir("tty-ctrlc");
    const tty = session(cwd, ["shop"]);
    await tty.waitFor("Base domain");
    tty.type(KEYS.ctrlC);
    expect(await tty.exited).toBe(130);
    expect(tty.screen).toContain("Interrupted (SIGINT); everything this run created was removed.");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
