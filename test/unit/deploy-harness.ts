/**
 * Runs platform/bin/deploy without a Docker engine: docker, caddy-site,
 * provision-app and deprovision-app are stand-ins (set through the deploy's
 * settings) that record each call and answer like the real ones. Compose's
 * `config` (the parser the policy checks rely on), the policy checks
 * themselves and `caddy adapt` are the real programs. The whole deploy against
 * a real engine is the system test's job.
 *
 * Failure switches are files in the fixtures folder: image-missing,
 * migration-fails, not-ready, crashed, site-fails, block (docker waits while it exists).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { scratchDir } from "../support/generate.js";
import { repoRoot, toolsBin } from "../support/paths.js";

export const deployBin = path.join(repoRoot, "platform", "bin", "deploy");
export const deploySshBin = path.join(repoRoot, "platform", "bin", "deploy-ssh");

const compose = fs.existsSync(path.join(toolsBin, "docker-compose")) ? path.join(toolsBin, "docker-compose") : "docker-compose";

const DOCKER_STUB = `#!/usr/bin/env bash
# Stand-in for docker in the deploy tests (see deploy-harness.ts).
fixtures=@FIXTURES@
printf 'docker %s\\n' "$*" >>"$fixtures/calls.log"
while [ -f "$fixtures/block" ]; do sleep 0.05; done
case "$1" in
  version) echo 27.0.0 ;;
  network) exit 0 ;;
  inspect)
    case "$3" in
      *Health*) cat "$fixtures/platform-state" 2>/dev/null || echo "running healthy" ;;
      *RestartCount*) if [ -f "$fixtures/crashed" ]; then echo "restarting 3 1"; else echo "running 0 0"; fi ;;
    esac ;;
  image) if [ "$2" = inspect ] && [ -f "$fixtures/image-missing" ]; then exit 1; fi ;;
  login) cat >"$fixtures/login-stdin"; printf 'login DOCKER_CONFIG=%s\\n' "$DOCKER_CONFIG" >>"$fixtures/calls.log" ;;
  pull) if [ -f "$fixtures/pull-fails" ]; then echo "denied: not allowed" >&2; exit 1; fi ;;
  create) echo stub-container ;;
  cp) cp -r "$fixtures/release/." "$3" ;;
  exec) if [ -f "$fixtures/not-ready" ]; then exit 1; fi ;;
  compose)
    shift
    for word in "$@"; do
      case "$word" in
        config) exec @COMPOSE@ "$@" ;;
        run) if [ -f "$fixtures/migration-fails" ]; then echo "alembic: boom" >&2; exit 3; fi; exit 0 ;;
        ps) echo "container-of-\${*: -1}"; exit 0 ;;
        up | down | logs) exit 0 ;;
      esac
    done ;;
esac
exit 0
`;

const CADDY_SITE_STUB = `#!/usr/bin/env bash
# Stand-in for platform/bin/caddy-site: keeps the installed files in fixtures/sites.
fixtures=@FIXTURES@
printf 'caddy-site %s\\n' "$*" >>"$fixtures/calls.log"
if [ -f "$fixtures/site-fails" ]; then echo "caddy-site: error: not valid" >&2; exit 1; fi
mkdir -p "$fixtures/sites"
case "$1" in
  install) cp "$3" "$fixtures/sites/$2.caddy" ;;
  list) for f in "$fixtures/sites"/*.caddy; do [ -e "$f" ] && basename "$f" .caddy; done; exit 0 ;;
  remove) rm "$fixtures/sites/$2.caddy" ;;
esac
`;

// provision-app's stand-in writes a credentials file in the real format (names from the app name).
const PROVISION_STUB = `#!/usr/bin/env bash
fixtures=@FIXTURES@
printf 'provision-app %s\\n' "$*" >>"$fixtures/calls.log"
dir=@DATA@/apps/$1
mkdir -p "$dir"
user=\${1//-/_}_user db=\${1//-/_}_db
printf 'DATABASE_URL=postgresql://%s:%s@postgres:5432/%s\\nREDIS_URL=redis://%s:%s@redis:6379/0\\nREDIS_KEY_PREFIX=%s:\\n' \\
  "$user" 0123456789abcdef0123456789abcdef "$db" "$1" 0123456789abcdef0123456789abcdef "$1" >"$dir/credentials.env"
`;

const DEPROVISION_STUB = `#!/usr/bin/env bash
fixtures=@FIXTURES@
printf 'deprovision-app %s\\n' "$*" >>"$fixtures/calls.log"
rm -f "@DATA@/apps/$1/credentials.env"
rmdir "@DATA@/apps/$1"
`;

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export class DeployHarness {
  readonly root: string;
  readonly data: string;
  readonly fixtures: string;

  constructor(label: string) {
    this.root = scratchDir(`deploy-${label}`);
    this.data = path.join(this.root, "data");
    this.fixtures = path.join(this.root, "fixtures");
    fs.mkdirSync(path.join(this.fixtures, "release"), { recursive: true });
    fs.mkdirSync(this.data, { recursive: true });
    this.writeStub("docker", DOCKER_STUB);
    this.writeStub("caddy-site", CADDY_SITE_STUB);
    this.writeStub("provision-app", PROVISION_STUB);
    this.writeStub("deprovision-app", DEPROVISION_STUB);
  }

  private writeStub(name: string, text: string): void {
    const body = text.replaceAll("@FIXTURES@", this.fixtures).replaceAll("@DATA@", this.data).replaceAll("@COMPOSE@", compose);
    fs.writeFileSync(path.join(this.root, name), body, { mode: 0o755 });
  }

  /** The deploy files the stand-in image "contains" (copied by docker cp). */
  useRelease(deployDir: string): void {
    fs.rmSync(path.join(this.fixtures, "release"), { recursive: true, force: true });
    fs.cpSync(deployDir, path.join(this.fixtures, "release"), { recursive: true });
  }

  /** What provision-app would have written for a production app. */
  provision(app: string): void {
    const result = spawnSync(path.join(this.root, "provision-app"), [app]);
    if (result.status !== 0) throw new Error(`provision stand-in failed: ${result.stderr}`);
  }

  /** Turns a failure switch on or off. */
  flag(name: string, on = true, content = ""): void {
    const file = path.join(this.fixtures, name);
    if (on) fs.writeFileSync(file, content);
    else fs.rmSync(file, { force: true });
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PATH: `${toolsBin}:${process.env.PATH ?? ""}`,
      TOWLION_ENV_FILE: path.join(this.root, "no-settings.env"),
      TOWLION_RUNTIME: "native",
      TOWLION_DATA: this.data,
      TOWLION_DOCKER: path.join(this.root, "docker"),
      TOWLION_DEPLOY_CADDY_SITE: path.join(this.root, "caddy-site"),
      TOWLION_DEPLOY_PROVISION: path.join(this.root, "provision-app"),
      TOWLION_DEPLOY_DEPROVISION: path.join(this.root, "deprovision-app"),
      TOWLION_DEPLOY_ALLOWED_REPOS: "ghcr.io/acme/ 127.0.0.1:5000/",
      TOWLION_DEPLOY_DISK_PATH: this.root,
      TOWLION_DEPLOY_MIN_FREE_MB: "1",
      TOWLION_DEPLOY_DRAIN_SECONDS: "0",
      TOWLION_DEPLOY_READY_TIMEOUT: "3",
      TOWLION_DEPLOY_LOCK_TIMEOUT: "2",
      TOWLION_DEPLOY_STDIN_TIMEOUT: "2",
      TMPDIR: this.root,
      ...extra,
    };
  }

  run(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): RunResult {
    const result = spawnSync(deployBin, args, { env: this.env(options.env), input: options.input ?? "", encoding: "utf8", timeout: 60_000 });
    if (result.error) throw result.error;
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  /** Starts a deploy in the background; resolves when it exits. */
  start(args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(deployBin, args, { env: this.env(env), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
    });
  }

  /** The recorded calls, one per line, with the per-project paths shortened. */
  calls(): string[] {
    const file = path.join(this.fixtures, "calls.log");
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.replace(/ --project-directory \S+ -f \S+/, ""));
  }

  clearCalls(): void {
    fs.rmSync(path.join(this.fixtures, "calls.log"), { force: true });
  }

  site(name: string): string | undefined {
    const file = path.join(this.fixtures, "sites", `${name}.caddy`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  }

  state(app: string): Record<string, string> {
    const file = path.join(this.data, "deploy", app, "state");
    if (!fs.existsSync(file)) return {};
    return Object.fromEntries(
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
  }

  /** Temporary folders the deploy left behind (it must leave none). */
  leftovers(): string[] {
    return fs.readdirSync(this.root).filter((name) => name.startsWith("towlion-deploy."));
  }
}

/** A stand-in forced-command target that records its argv and stdin. */
export function recorder(dir: string): { command: string; argv: () => string[]; stdin: () => string } {
  const command = path.join(dir, "record-deploy");
  fs.writeFileSync(
    command,
    `#!/usr/bin/env bash\nprintf '%s\\n' "$@" >"${dir}/argv"\ncat >"${dir}/stdin"\nexit 0\n`,
    { mode: 0o755 },
  );
  return {
    command,
    argv: () => (fs.existsSync(path.join(dir, "argv")) ? fs.readFileSync(path.join(dir, "argv"), "utf8").split("\n").filter(Boolean) : []),
    stdin: () => (fs.existsSync(path.join(dir, "stdin")) ? fs.readFileSync(path.join(dir, "stdin"), "utf8") : ""),
  };
}
