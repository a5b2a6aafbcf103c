/**
 * Local stand-ins for the upstream images (no registry is reachable here):
 * a Debian 12 minbase imported from debootstrap, and on it Python, Node,
 * PostgreSQL, Redis, Caddy, the S3 server and the test's "server". Each image
 * carries a hash of its recipe and is rebuilt only when that changes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../../support/paths.js";
import { imagesDir, toolsBin } from "./paths.js";
import { run, tryRun } from "./run.js";

export const BASE = {
  rootfs: "towlion-test/debian-rootfs:bookworm",
  debian: "towlion-test/debian:bookworm",
  python: "towlion-test/python:3.11",
  node: "towlion-test/node:20",
  postgres: "towlion-test/postgres:15",
  redis: "towlion-test/redis:7",
  caddy: "towlion-test/caddy:2",
  versitygw: "towlion-test/versitygw:v1.8.0",
  server: "towlion-test/server:bookworm",
} as const;

interface Recipe {
  tag: string;
  dockerfile: string;
  /** Extra files for the build context: name in the context → source path. */
  files: Record<string, string>;
}

function hostBinary(name: string): string {
  return run("bash", ["-c", `readlink -f "$(command -v ${name})"`]).trim();
}

/** The CA certificates this machine trusts beyond Debian's (a TLS proxy's, say). */
function localCaDir(): string {
  const dir = "/usr/local/share/ca-certificates";
  return fs.existsSync(dir) ? dir : fs.mkdtempSync(path.join(os.tmpdir(), "towlion-no-ca-"));
}

function recipes(): Recipe[] {
  const stub = (name: string) => path.join(imagesDir, name);
  return [
    { tag: BASE.debian, dockerfile: "debian.Dockerfile", files: { "local-ca": localCaDir() } },
    { tag: BASE.python, dockerfile: "python.Dockerfile", files: {} },
    { tag: BASE.node, dockerfile: "node.Dockerfile", files: { node: hostBinary("node"), npm: path.resolve(path.dirname(hostBinary("npm")), "..") } },
    { tag: BASE.postgres, dockerfile: "postgres.Dockerfile", files: { "postgres-entrypoint.sh": stub("postgres-entrypoint.sh") } },
    { tag: BASE.redis, dockerfile: "redis.Dockerfile", files: { "redis-entrypoint.sh": stub("redis-entrypoint.sh") } },
    { tag: BASE.caddy, dockerfile: "caddy.Dockerfile", files: {} },
    { tag: BASE.versitygw, dockerfile: "versitygw.Dockerfile", files: { versitygw: path.join(toolsBin, "versitygw") } },
    {
      tag: BASE.server,
      dockerfile: "server.Dockerfile",
      files: {
        docker: hostBinary("docker"),
        "docker-compose": path.join(toolsBin, "docker-compose"),
        "systemctl-stub": stub("systemctl-stub"),
      },
    },
  ];
}

function fingerprint(parts: readonly string[]): string {
  const hash = crypto.createHash("sha256");
  for (const part of parts) {
    const stat = fs.statSync(part);
    // Directories (npm) are identified by path and mtime; files by content.
    hash.update(stat.isDirectory() ? `${part}:${stat.mtimeMs}` : fs.readFileSync(part));
  }
  return hash.digest("hex").slice(0, 16);
}

function labelOf(tag: string): string | undefined {
  const result = tryRun("docker", ["image", "inspect", "--format", '{{index .Config.Labels "towlion.recipe"}}', tag]);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function importRootfs(): string {
  const tarball = run(path.join(repoRoot, "scripts", "debian-rootfs.sh"), []).trim();
  const recipe = fingerprint([tarball]);
  if (labelOf(BASE.rootfs) !== recipe) {
    run("docker", ["import", "--change", `LABEL towlion.recipe=${recipe}`, "--change", "ENV LANG=C.UTF-8", tarball, BASE.rootfs]);
  }
  return recipe;
}

/** Builds whatever is missing or stale; returns the tags it built. */
export function buildBaseImages(): string[] {
  const built: string[] = [];
  // Each image's recipe includes the one below it, so a changed base rebuilds everything on it.
  let below = importRootfs();
  for (const recipe of recipes()) {
    const dockerfile = path.join(imagesDir, recipe.dockerfile);
    const hash = fingerprint([dockerfile, ...Object.values(recipe.files)]) + below.slice(0, 8);
    if (recipe.tag === BASE.debian) below = hash;
    if (labelOf(recipe.tag) === hash) continue;
    const context = fs.mkdtempSync(path.join(os.tmpdir(), "towlion-image-"));
    try {
      for (const [name, source] of Object.entries(recipe.files)) fs.cpSync(source, path.join(context, name), { recursive: true });
      run("docker", ["build", "--quiet", "--label", `towlion.recipe=${hash}`, "--build-arg", `DEBIAN_IMAGE=${BASE.debian}`,
        "--build-arg", `ROOTFS_IMAGE=${BASE.rootfs}`, "-f", dockerfile, "-t", recipe.tag, context]);
      built.push(recipe.tag);
    } finally {
      fs.rmSync(context, { recursive: true, force: true });
    }
  }
  return built;
}
