import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "../support/generate.js";
import { cleanEnv, runInProcess } from "../support/in-process.js";

const MISSING_BOTH = `Missing app name (a directory argument or --name) and --domain; no terminal is attached to ask for them.
Pass them as arguments, for example:
  npx create-towlion-app@latest my-app --domain example.com
or add --yes to accept the defaults (my-app on localhost).`;

/** [arguments, the exact message on stderr]; every one exits with code 2. */
const BAD_INPUTS: [string[], string][] = [
  // names
  [["My_App", "--domain", "example.com"], 'App name "My_App" may only contain lowercase letters, digits and hyphens. Try "my-app". It comes from the directory name; pass --name to choose another.'],
  [["x", "--name", "1app", "--domain", "example.com"], 'App name "1app" must start with a letter. Try "app".'],
  [["x", "--name", "postgres", "--domain", "example.com"], 'App name "postgres" is the name of a platform service (postgres, redis, caddy, minio, platform, towlion, garage, versitygw, loki, grafana, alloy, deploy, backups are reserved). Try "postgres-app".'],
  [["x", "--name", "shop-", "--domain", "example.com"], 'App name "shop-" must not end with a hyphen. Try "shop".'],
  [["x", "--name", "a--b", "--domain", "example.com"], 'App name "a--b" must not contain two hyphens in a row. Try "a-b".'],
  [["x", "--name", "a".repeat(41), "--domain", "example.com"], `App name "${"a".repeat(41)}" is 41 characters long; the limit is 40 (it becomes database, role and bucket names). Try "${"a".repeat(40)}".`],
  [["x", "--name=", "--domain", "example.com"], 'App name "" is empty. Try "my-app".'],
  // domains
  [["shop", "--domain", "https://example.com"], 'Domain "https://example.com" must be a host name, not a URL. Try "example.com".'],
  [["shop", "--domain", "example.com:8080"], 'Domain "example.com:8080" must be a host name without a port or path. Try "example.com".'],
  [["shop", "--domain", "Example.com"], 'Domain "Example.com" must be lowercase. Try "example.com".'],
  [["shop", "--domain", "example..com"], 'Domain "example..com" has an invalid label "": labels must not be empty (two dots in a row?).'],
  [["shop", "--domain", "-bad.com"], 'Domain "-bad.com" has an invalid label "-bad": a DNS label must not start or end with a hyphen.'],
  [["shop", "--domain", "exa_mple.com"], 'Domain "exa_mple.com" has an invalid label "exa_mple": use lowercase letters, digits and hyphens only.'],
  [["shop", "--domain", "example.com", "--subdomain", "a.b"], 'Subdomain "a.b" must be a single label without dots; put the rest in --domain.'],
  [["shop", "--domain", "example.com", "--subdomain", "-x"], 'Subdomain "-x" is not a valid DNS label: a DNS label must not start or end with a hyphen. Try "x".'],
  // several at once: all reported
  [["x", "--name", "Bad", "--domain", "bad_domain"], 'App name "Bad" may only contain lowercase letters, digits and hyphens. Try "bad".\nDomain "bad_domain" has an invalid label "bad_domain": use lowercase letters, digits and hyphens only.'],
  // flags
  [["shop", "--domain", "example.com", "--fronted"], "Unknown option --fronted. Did you mean --frontend? See --help."],
  [["shop", "--domain", "example.com", "--owner", "acme"], "Unknown option --owner. Did you mean --github-owner? See --help."],
  [["shop", "--domain", "example.com", "--key", "id_ed25519"], "Unknown option --key. See --help."],
  [["shop", "--domain", "example.com", "-x"], "Unknown option -x. See --help."],
  [["shop", "--domain"], "--domain needs a value, e.g. --domain example.com."],
  [["shop", "--domain", "--yes"], "--domain needs a value, e.g. --domain example.com."],
  [["shop", "--domain", "a.com", "--domain", "b.com"], "--domain is given more than once."],
  [["shop", "--domain", "example.com", "--frontend=yes"], "--frontend takes no value; use --frontend or --no-frontend."],
  [["shop", "--domain", "example.com", "--frontend", "--no-frontend"], "--frontend is given more than once."],
  [["shop", "--domain", "example.com", "--email", "fax"], '--email must be one of console, smtp, postmark, ses; got "fax".'],
  [["shop", "--domain", "example.com", "--preset", "huge"], '--preset must be one of full, api, minimal; got "huge".'],
  [["shop", "--domain", "example.com", "--yes=no"], "--yes takes no value."],
  [["shop", "other", "--domain", "example.com"], 'Expected one directory, got 2: "shop" "other". Quote a path that contains spaces.'],
  // combinations
  [["shop", "--domain", "example.com", "--github", "--no-git"], "--github needs git: remove --no-git."],
  [["shop", "--domain", "example.com", "--github-owner", "acme"], "--github-owner only applies with --github."],
  [["shop", "--domain", "example.com", "--ssh-key", "id_ed25519"], "--ssh-key only applies with --github."],
  [["shop", "--domain", "example.com", "--github", "--github-visibility", "secret"], '--github-visibility must be one of private, public; got "secret".'],
  [["shop", "--domain", "example.com", "--github", "--github-owner", "-acme"], 'GitHub owner "-acme" is not a valid user or organisation name: letters, digits and single hyphens, at most 39 characters.'],
  [["shop", "--domain", "example.com", "--github", "--server-user", "Root!"], 'Server user "Root!" is not a valid Unix user name. Try "deploy".'],
  [["shop", "--domain", "example.com", "--github", "--server-host-key", "not-a-key"], 'Server host key is not an SSH public key line. On the server, run: cat /etc/ssh/ssh_host_ed25519_key.pub (it starts with "ssh-ed25519 AAAA").'],
  // nothing to go on, and no terminal to ask
  [[], MISSING_BOTH],
  [["--json"], MISSING_BOTH],
  [["shop"], MISSING_BOTH.replace("app name (a directory argument or --name) and --domain", "--domain").replace("for them", "for it")],
];

describe("bad input is refused with exit code 2 and says what to type", () => {
  let cwd: string;
  beforeAll(() => {
    cwd = scratchDir("bad-inputs");
  });

  it.each(BAD_INPUTS)("%j", async (argv, message) => {
    const run = await runInProcess(argv, { cwd });
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.code).toBe(2);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("names the flags npm 11 swallowed instead of generating without them", async () => {
    // What `npm create towlion-app shop --domain example.com --no-frontend` hands the bin.
    const env = cleanEnv({ npm_command: "exec", npm_config_domain: "true", npm_config_frontend: "" });
    const run = await runInProcess(["shop", "example.com"], { cwd, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "npm kept --domain, --frontend for itself, so create-towlion-app never saw them.\n" +
        "Put -- between npm's arguments and the app's, for example:\n" +
        "  npm create towlion-app@latest my-app -- --domain example.com --no-frontend\n",
    );
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("does not mistake npm settings from .npmrc for swallowed flags", async () => {
    const env = cleanEnv({ npm_command: "exec", npm_config_email: "me@example.com", npm_config_git: "git" });
    const run = await runInProcess(["shop", "--domain", "example.com", "--dry-run"], { cwd, env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("refuses a non-empty directory, lists what is in the way and changes nothing", async () => {
    const target = path.join(cwd, "busy");
    fs.mkdirSync(path.join(target, "src"), { recursive: true });
    fs.writeFileSync(path.join(target, "README.md"), "mine\n");
    fs.writeFileSync(path.join(target, "LICENSE"), "MIT\n");
    const run = await runInProcess(["busy", "--domain", "example.com"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `${target} already exists and is not empty:\n  README.md\n  src\n` +
        "Choose a new directory, or move these files away. Nothing was changed.\n",
    );
    expect(fs.readdirSync(target).sort()).toEqual(["LICENSE", "README.md", "src"]);
    expect(fs.readFileSync(path.join(target, "README.md"), "utf8")).toBe("mine\n");
  });

  it("refuses a target that is a file", async () => {
    fs.writeFileSync(path.join(cwd, "plain"), "x");
    const run = await runInProcess(["plain", "--domain", "example.com"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${path.join(cwd, "plain")} exists and is not a directory. Choose another name.\n`);
    fs.rmSync(path.join(cwd, "plain"));
  });

  it("reports errors as JSON on stdout with --json", async () => {
    const run = await runInProcess(["shop", "--domain", "bad_domain", "--json"], { cwd });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      error: 'Domain "bad_domain" has an invalid label "bad_domain": use lowercase letters, digits and hyphens only.',
      exitCode: 2,
    });
  });
});
