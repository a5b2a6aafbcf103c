/** The two generated apps of the system test: generated, built from their own Dockerfiles, pushed. */
import fs from "node:fs";
import path from "node:path";
import { generateApp, scratchDir } from "../../support/generate.js";
import { BASE } from "./images.js";
import { REGISTRY } from "./registry.js";
import { run } from "./run.js";

export interface TestApp {
  name: string;
  /** APP_DOMAIN: <name>.localhost, for which Caddy issues certificates from its local CA. */
  host: string;
  dir: string;
  frontend: boolean;
  /** Image repository: <repo>/app:<tag> and <repo>/frontend:<tag>. */
  repo: string;
}

export function generateTestApp(name: string, flags: readonly string[], frontend: boolean): TestApp {
  const parent = scratchDir(`system-${name}`);
  const dir = generateApp(parent, name, [...flags, "--subdomain", name], { domain: "localhost" });
  return { name, host: `${name}.localhost`, dir, frontend, repo: `${REGISTRY}/towlion/${name}` };
}

/** Builds the release images with the local base images, pushes them; returns build seconds. */
export function buildAndPush(app: TestApp, tag: string): number {
  const started = Date.now();
  const backend = `${app.repo}/app:${tag}`;
  run("docker", ["build", "--quiet", "-f", "app/Dockerfile", "--build-arg", `PYTHON_IMAGE=${BASE.python}`, "-t", backend, "."], {
    cwd: app.dir,
  });
  run("docker", ["push", "--quiet", backend]);
  if (app.frontend) {
    const frontend = `${app.repo}/frontend:${tag}`;
    run("docker", ["build", "--quiet", "--build-arg", `NODE_IMAGE=${BASE.node}`, "-t", frontend, "frontend"], { cwd: app.dir });
    run("docker", ["push", "--quiet", frontend]);
  }
  return (Date.now() - started) / 1000;
}

/** A change a developer would make: edit a file of the generated repository and commit it. */
export function changeApp(app: TestApp, file: string, edit: (text: string) => string, message: string): void {
  const target = path.join(app.dir, file);
  const before = fs.readFileSync(target, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  fs.writeFileSync(target, after);
  run("git", ["add", "-A"], { cwd: app.dir });
  run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-qm", message], { cwd: app.dir });
}

export function addFile(app: TestApp, file: string, content: string, message: string): void {
  fs.mkdirSync(path.dirname(path.join(app.dir, file)), { recursive: true });
  fs.writeFileSync(path.join(app.dir, file), content);
  run("git", ["add", "-A"], { cwd: app.dir });
  run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-qm", message], { cwd: app.dir });
}

/** Undo the last commit (a broken release that was not kept). */
export function revertLastCommit(app: TestApp): void {
  run("git", ["reset", "--hard", "-q", "HEAD~1"], { cwd: app.dir });
}
