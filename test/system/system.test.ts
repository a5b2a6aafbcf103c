/**
 * The whole: the platform stack and two generated apps in a real Docker engine,
 * deployed over SSH with the restricted key, reached through Caddy by host name.
 * Scenarios run in order and build on each other; each one asserts and removes
 * what it alone created. Figures are printed at the end (see README.md).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESET_FLAGS } from "../support/generate.js";
import { addFile, buildAndPush, changeApp, generateTestApp, revertLastCommit, type TestApp } from "./support/apps.js";
import { ensureEngine, restartEngine } from "./support/engine.js";
import { figures, printFigures } from "./support/figures.js";
import { Browser, closeAgents, request, retriedOnClosedConnection, type Endpoint } from "./support/http.js";
import { BASE, buildBaseImages } from "./support/images.js";
import { startLoad, type LoadResult } from "./support/load.js";
import { startRegistry, stopRegistry } from "./support/registry.js";
import { run, tryRun, waitFor } from "./support/run.js";
import {
  bootstrap,
  joinPlatformNetwork,
  onServer,
  onServerOk,
  platformCommand,
  platformCompose,
  removeServer,
  settingsFile,
  startServer,
  startSshd,
} from "./support/server.js";
import { makeDeployKey, pinHostKey, sshDeploy } from "./support/ssh.js";
import { removeStandalone, startStandalone } from "./support/standalone.js";
import { addedMiB, memoryByContainer } from "./support/stats.js";

const PASSWORD = "correct horse battery staple";
let alpha: TestApp;
let beta: TestApp;
const alphaUser = new Browser("alpha.localhost");
/** Where scenario 9 serves alpha on its own, with its own Caddy. */
const SOLO_HOST = "solo.localhost";

/** Settings of this server that differ from a real one (see README.md). */
const TEST_SETTINGS = [
  "TOWLION_DEPLOY_ALLOWED_REPOS=127.0.0.1:5000/",
  // The server container does not hold Docker's disk; its own root stands in.
  "TOWLION_DEPLOY_DISK_PATH=/",
  "TOWLION_DEPLOY_MIN_FREE_MB=1024",
  // A release that never gets ready fails after this long instead of three minutes.
  "TOWLION_DEPLOY_READY_TIMEOUT=60",
];

async function deploy(command: string): Promise<{ status: number | null; output: string; seconds: number }> {
  const started = Date.now();
  const result = await sshDeploy(command);
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, seconds: (Date.now() - started) / 1000 };
}

async function expectHealthy(host: string, endpoint?: Endpoint): Promise<void> {
  const health = await request(host, "/health", { endpoint });
  expect(health.status).toBe(200);
  expect(health.text()).toBe('{"status":"ok"}');
}

async function ready(host: string, endpoint?: Endpoint): Promise<boolean> {
  try {
    return (await request(host, "/ready", { endpoint })).status === 200;
  } catch {
    return false;
  }
}

/** The API version the live release reports (each test release sets its own). */
async function liveVersion(host: string): Promise<string> {
  const schema = (await request(host, "/api/openapi.json")).json<{ info: { version: string } }>();
  return schema.info.version;
}

function releaseVersion(app: TestApp, version: string): void {
  changeApp(app, "app/factory.py", (text) => text.replace(/(FastAPI\(\n\s+title=APP_TITLE,)(\n\s+version="[^"]*",)?/, `$1\n        version="${version}",`), `release ${version}`);
}

/** Requests a user keeps making during a deploy: the API, the health check, the pages. */
function deployLoad(app: TestApp, cookie: string) {
  const targets = [
    { host: app.host, path: "/health" },
    { host: app.host, path: "/api/notes?page=1&page_size=5", headers: { cookie } },
  ];
  if (app.frontend) targets.push({ host: app.host, path: "/sign-in" });
  return startLoad(targets);
}

function expectNoFailures(load: LoadResult): void {
  expect(load.failures.slice(0, 5)).toEqual([]);
  expect(load.failed).toBe(0);
  expect(load.served).toBeGreaterThan(20);
}

/**
 * What a user of the full preset does: sign up, sign out and in, a note, a file
 * through presigned URLs and the worker's processing of it, the frontend's pages.
 */
async function useTheFullApp(user: Browser): Promise<void> {
  const via = { endpoint: user.endpoint };
  expect((await user.call("POST", "/api/auth/register", { email: "ada@example.com", password: PASSWORD, display_name: "Ada" })).status).toBe(201);
  expect((await user.call("POST", "/api/auth/logout")).status).toBe(204);
  expect((await user.call("GET", "/api/auth/me")).status).toBe(401);
  expect((await user.call("POST", "/api/auth/login", { email: "ADA@example.com", password: PASSWORD })).status).toBe(200);
  const note = (await user.call("POST", "/api/notes", { title: "First", body: "from the system test" })).json<{ id: number }>();
  const bytes = Buffer.from(crypto.randomBytes(30_000).toString("base64"));
  const created = await user.call("POST", `/api/notes/${note.id}/attachments`, { filename: "data.txt", content_type: "text/plain", size: bytes.length });
  expect(created.status, created.text()).toBe(201);
  const { attachment, upload } = created.json<{ attachment: { id: number }; upload: { method: string; url: string; headers: Record<string, string> } }>();
  const uploadUrl = new URL(upload.url);
  expect(uploadUrl.host).toBe(user.host);
  const put = await request(user.host, uploadUrl.pathname + uploadUrl.search, { ...via, method: upload.method, headers: upload.headers, body: bytes });
  expect(put.status, put.text()).toBe(200);
  expect((await user.call("POST", `/api/notes/${note.id}/attachments/${attachment.id}/complete`)).status).toBe(200);
  const digest = crypto.createHash("sha256").update(bytes).digest("hex");
  // The Celery worker computes the checksum; its result shows up in the API.
  await waitFor("the worker to process the upload", async () => {
    const current = (await user.call("GET", `/api/notes/${note.id}`)).json<{ attachments: { status: string; sha256: string | null }[] }>();
    const first = current.attachments[0];
    return first?.status === "ready" && first.sha256 === digest ? true : undefined;
  }, 60_000);
  const link = (await user.call("GET", `/api/notes/${note.id}/attachments/${attachment.id}/download`)).json<{ url: string }>();
  const downloadUrl = new URL(link.url);
  const download = await request(user.host, downloadUrl.pathname + downloadUrl.search, via);
  expect(download.status).toBe(200);
  expect(download.body.equals(bytes)).toBe(true);

  // The frontend serves its pages through the same origin.
  const page = await request(user.host, "/sign-in", via);
  expect(page.status).toBe(200);
  expect(page.text()).toContain("<html");
}

describe.sequential("Towlion on a real Docker engine", () => {
  beforeAll(async () => {
    await ensureEngine();
    removeTestApps(); // left by an earlier run that was interrupted
    buildBaseImages();
    await startRegistry();
  });

  afterAll(() => {
    closeAgents();
    printFigures();
    if (!process.env.TOWLION_SYSTEM_KEEP) {
      if (alpha) removeStandalone(alpha);
      removeTestApps();
      onServer(platformCompose("down --volumes --remove-orphans"));
      removeServer();
    }
    stopRegistry();
  });

  it("1. bootstraps the platform: the stack comes up healthy and doctor passes", async () => {
    const publicKey = makeDeployKey();
    startServer();
    const first = bootstrap(publicKey);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/bootstrap: \d+ change\(s\)/);

    const started = Date.now();
    onServerOk(platformCompose("up -d --wait --wait-timeout 300"), { timeout: 10 * 60_000 });
    figures.stackUpToHealthySeconds = (Date.now() - started) / 1000;
    joinPlatformNetwork();

    const again = bootstrap(publicKey);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("bootstrap: no changes");

    startSshd();
    pinHostKey();
    const doctor = platformCommand("doctor");
    expect(doctor.status, `${doctor.stdout}\n${doctor.stderr}`).toBe(0);
    expect(doctor.stdout).not.toMatch(/^FAIL/m);
    onServerOk(`printf '%s\\n' ${TEST_SETTINGS.map((s) => `'${s}'`).join(" ")} >>${settingsFile}`);
  });

  it("2. generates, provisions, builds and deploys two apps; they work through Caddy", async () => {
    alpha = generateTestApp("alpha", PRESET_FLAGS.full, true);
    beta = generateTestApp("beta", PRESET_FLAGS.api, false);
    for (const app of [alpha, beta]) {
      const provision = platformCommand(`provision-app ${app.name}`);
      expect(provision.status, provision.stderr).toBe(0);
    }
    figures.buildSeconds = { alpha: buildAndPush(alpha, "v1"), beta: buildAndPush(beta, "v1") };
    figures.imageAddedMiB = {
      "alpha app": addedMiB(`${alpha.repo}/app:v1`, BASE.python),
      "alpha frontend": addedMiB(`${alpha.repo}/frontend:v1`, BASE.node),
      "beta app": addedMiB(`${beta.repo}/app:v1`, BASE.python),
    };

    const durations: Record<string, number> = {};
    for (const app of [alpha, beta]) {
      const result = await deploy(`deploy ${app.name} v1 --repo ${app.repo} --domain ${app.host}`);
      expect(result.status, result.output).toBe(0);
      durations[app.name] = result.seconds;
      await expectHealthy(app.host);
    }
    figures.firstDeploySeconds = durations;

    // The restricted key runs nothing but the deploy entry point.
    const shell = await sshDeploy("cat /etc/shadow");
    expect(shell.status).toBe(2);

    await useTheFullApp(alphaUser);

    // The API-only app: the same API, no frontend anywhere.
    const betaUser = new Browser(beta.host);
    expect((await betaUser.call("POST", "/api/auth/register", { email: "bob@example.com", password: PASSWORD, display_name: "Bob" })).status).toBe(201);
    expect((await betaUser.call("POST", "/api/notes", { title: "Beta", body: "" })).status).toBe(201);
    expect(run("docker", ["ps", "--format", "{{.Names}}", "--filter", "label=org.towlion.app=beta"])).not.toMatch(/frontend/);
  });

  it("3. isolates the apps: from inside alpha, beta's database, bucket and Redis keys are out of reach", () => {
    const container = run("docker", ["ps", "-q", "--filter", "label=org.towlion.app=alpha", "--filter", "label=com.docker.compose.service=app"]).trim();
    const probe = `
import os, json, boto3, psycopg, redis
from botocore.config import Config
results = {}
url = os.environ["DATABASE_URL"].replace("/alpha_db", "/beta_db")
try:
    psycopg.connect(url, connect_timeout=5).close(); results["database"] = "reachable"
except Exception as error:
    results["database"] = type(error).__name__
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], aws_access_key_id=os.environ["S3_ACCESS_KEY"],
    aws_secret_access_key=os.environ["S3_SECRET_KEY"], region_name="us-east-1", config=Config(s3={"addressing_style": "path"}))
try:
    s3.list_objects_v2(Bucket="beta-uploads"); results["bucket"] = "reachable"
except Exception as error:
    results["bucket"] = type(error).__name__
own = s3.list_objects_v2(Bucket="alpha-uploads")
results["own bucket"] = "ok" if own["ResponseMetadata"]["HTTPStatusCode"] == 200 else "error"
r = redis.Redis.from_url(os.environ["REDIS_URL"])
for action, call in [("redis read", lambda: r.get("beta:secret")), ("redis write", lambda: r.set("beta:x", "1"))]:
    try:
        call(); results[action] = "reachable"
    except Exception as error:
        results[action] = type(error).__name__
r.set("alpha:probe", "1"); results["own redis"] = "ok"
print(json.dumps(results))
`;
    const output = run("docker", ["exec", container, "python", "-c", probe]);
    const results = JSON.parse(output.trim().split("\n").pop() as string);
    expect(results).toEqual({
      database: "OperationalError",
      bucket: "AccessDenied",
      "own bucket": "ok",
      "redis read": "NoPermissionError",
      "redis write": "NoPermissionError",
      "own redis": "ok",
    });
  });

  it("4. deploys a new version under load without a failed request", async () => {
    releaseVersion(alpha, "2.0.0");
    buildAndPush(alpha, "v2");
    const cookie = await sessionCookie(alphaUser);
    retriedOnClosedConnection.count = 0;
    const load = deployLoad(alpha, cookie);
    const result = await deploy(`deploy alpha v2 --repo ${alpha.repo} --domain ${alpha.host}`);
    const served = await load.stop();
    expect(result.status, result.output).toBe(0);
    figures.zeroDowntimeDeploy = {
      seconds: result.seconds,
      served: served.served,
      failed: served.failed,
      resentAfterKeepAliveClose: retriedOnClosedConnection.count,
    };
    expectNoFailures(served);
    expect(await liveVersion(alpha.host)).toBe("2.0.0");
  });

  it("5. keeps the old version serving when a migration fails or /ready never passes, and rolls back", async () => {
    const cookie = await sessionCookie(alphaUser);
    addFile(alpha, "app/alembic/versions/9999_broken.py", BROKEN_MIGRATION(alpha), "a migration that fails");
    buildAndPush(alpha, "v3-bad-migration");
    let load = deployLoad(alpha, cookie);
    const badMigration = await deploy(`deploy alpha v3-bad-migration --repo ${alpha.repo} --domain ${alpha.host}`);
    expectNoFailures(await load.stop());
    expect(badMigration.status).not.toBe(0);
    expect(badMigration.output).toMatch(/migration/i);
    expect(await liveVersion(alpha.host)).toBe("2.0.0");
    revertLastCommit(alpha);

    changeApp(alpha, "app/api/health.py", (text) => text.replace('healthy = all(result == "ok" for result in results.values())', "healthy = False  # this release is never ready"), "never ready");
    buildAndPush(alpha, "v4-never-ready");
    load = deployLoad(alpha, cookie);
    const neverReady = await deploy(`deploy alpha v4-never-ready --repo ${alpha.repo} --domain ${alpha.host}`);
    expectNoFailures(await load.stop());
    expect(neverReady.status).not.toBe(0);
    expect(neverReady.output).toMatch(/ready/i);
    expect(await liveVersion(alpha.host)).toBe("2.0.0");
    revertLastCommit(alpha);

    const rollback = await deploy("rollback alpha v1");
    expect(rollback.status, rollback.output).toBe(0);
    expect(await liveVersion(alpha.host)).not.toBe("2.0.0");
    await expectHealthy(alpha.host);
  });

  it("6. backs up, loses the database, restores: the data is back and the app is ready", async () => {
    const marker = `kept by the backup ${Date.now()}`;
    expect((await alphaUser.call("POST", "/api/notes", { title: marker, body: "" })).status).toBe(201);
    const backup = platformCommand("backup");
    expect(backup.status, backup.stderr).toBe(0);

    onServerOk(`docker exec towlion-postgres psql -U postgres -qc 'DROP DATABASE alpha_db WITH (FORCE)'`);
    await waitFor("alpha to notice its database is gone", async () => ((await ready(alpha.host)) ? undefined : true), 30_000);

    const restore = platformCommand("restore alpha");
    expect(restore.status, `${restore.stdout}\n${restore.stderr}`).toBe(0);
    await waitFor("alpha to be ready again", async () => ((await ready(alpha.host)) ? true : undefined), 120_000);
    expect((await alphaUser.call("POST", "/api/auth/login", { email: "ada@example.com", password: PASSWORD })).status).toBe(200);
    const notes = (await alphaUser.call("GET", "/api/notes?page=1&page_size=50")).json<{ items: { title: string }[] }>();
    expect(notes.items.map((n) => n.title)).toContain(marker);
  });

  it("7. comes back healthy, with its data, after the Docker engine restarts", async () => {
    figures.idleMemoryMiB = memoryByContainer(/^(towlion-|alpha-|beta-)/);
    const how = await restartEngine();
    figures.restarted = how;
    await waitFor("the platform to be healthy", () => (onServer(platformCompose("ps --format '{{.Health}}'")).stdout.trim().split("\n").every((h) => h === "healthy") ? true : undefined), 300_000);
    for (const app of [alpha, beta]) await waitFor(`${app.name} to be ready`, async () => ((await ready(app.host)) ? true : undefined), 300_000);
    expect((await alphaUser.call("POST", "/api/auth/login", { email: "ada@example.com", password: PASSWORD })).status).toBe(200);
    expect((await alphaUser.call("GET", "/api/notes?page=1&page_size=5")).json<{ total: number }>().total).toBeGreaterThan(0);
  });

  it("8. serves a pull-request preview on its own host with its own database, then removes it completely", async () => {
    const preview = await deploy(`preview alpha 7 v1 --repo ${alpha.repo} --preview-domain preview.localhost`);
    expect(preview.status, preview.output).toBe(0);
    const host = "pr-7.preview.localhost";
    await expectHealthy(host);
    const reviewer = new Browser(host);
    expect((await reviewer.call("POST", "/api/auth/register", { email: "rev@example.com", password: PASSWORD, display_name: "Rev" })).status).toBe(201);
    // Its own database: production never heard of this user, and the preview never heard of Ada.
    expect((await new Browser(alpha.host).call("POST", "/api/auth/login", { email: "rev@example.com", password: PASSWORD })).status).toBe(401);
    expect((await reviewer.call("POST", "/api/auth/login", { email: "ada@example.com", password: PASSWORD })).status).toBe(401);
    expect(onServerOk(`docker exec towlion-postgres psql -U postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'alpha_pr_7%'"`).trim()).toBe("alpha_pr_7_db");

    const down = await deploy("preview-down alpha 7");
    expect(down.status, down.output).toBe(0);
    expect(onServerOk(`docker exec towlion-postgres psql -U postgres -Atc "SELECT count(*) FROM pg_database WHERE datname LIKE 'alpha_pr_7%'"`).trim()).toBe("0");
    expect(run("docker", ["ps", "-aq", "--filter", "label=org.towlion.app=alpha-pr-7"]).trim()).toBe("");
    await expect(request(host, "/health")).rejects.toThrow();
  });

  it("9. runs alpha on a server of its own with the standalone Compose file, as its README says", async () => {
    const started = Date.now();
    const solo = startStandalone(alpha, SOLO_HOST, "v1");
    await waitFor("the standalone app to be ready", async () => ((await ready(SOLO_HOST, solo.endpoint)) ? true : undefined), 300_000);
    figures.standaloneUpToReadySeconds = (Date.now() - started) / 1000;
    // Every long-running service is up (healthy where it has a check); the one-shots succeeded.
    const expected = {
      caddy: "running 0 healthy",
      postgres: "running 0 healthy",
      redis: "running 0 healthy",
      minio: "running 0 healthy",
      bucket: "exited 0",
      migrate: "exited 0",
      app: "running 0 healthy",
      worker: "running 0 healthy",
      beat: "running 0",
      frontend: "running 0 healthy",
    };
    const states = (): Record<string, string> => {
      const lines = solo.compose(["ps", "--all", "--format", "{{.Service}} {{.State}} {{.ExitCode}} {{.Health}}"]).trim().split("\n");
      return Object.fromEntries(lines.map((line) => [line.split(" ")[0], line.split(" ").slice(1).join(" ").trim()]));
    };
    const settled = await waitFor("every standalone service to settle", () => {
      const now = states();
      if (isDeepStrictEqual(now, expected)) return now;
      throw new Error(JSON.stringify(now)); // the last states go into the timeout's message
    }, 240_000);
    expect(settled).toEqual(expected);
    await expectHealthy(SOLO_HOST, solo.endpoint);
    await useTheFullApp(new Browser(SOLO_HOST, solo.endpoint));
    // The app connects as its own role, not as the database's superuser.
    expect(solo.compose(["exec", "-T", "postgres", "psql", "-U", "postgres", "-Atc", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'alpha_db'"]).trim()).toBe("alpha_user");
    removeStandalone(alpha);
  });
});

/** The apps' containers, previews included (the platform's go with its Compose project). */
function removeTestApps(): void {
  const labelled = run("docker", ["ps", "-a", "--filter", "label=org.towlion.app", "--format", '{{.ID}} {{.Label "org.towlion.app"}}']);
  for (const line of labelled.split("\n").filter(Boolean)) {
    const [id, app] = line.split(" ");
    if (id && /^(alpha|beta)(-pr-\d+)?$/.test(app ?? "")) tryRun("docker", ["rm", "-f", id]);
  }
}

async function sessionCookie(user: Browser): Promise<string> {
  const login = await user.call("POST", "/api/auth/login", { email: "ada@example.com", password: PASSWORD });
  expect(login.status).toBe(200);
  const setCookie = login.headers["set-cookie"];
  const line = (Array.isArray(setCookie) ? setCookie : []).find((l) => l.startsWith("session="));
  return (line ?? "").split(";")[0] as string;
}

/** A migration on top of the app's head that fails when it runs. */
function BROKEN_MIGRATION(app: TestApp): string {
  const versions = path.join(app.dir, "app", "alembic", "versions");
  const revisions = new Map<string, string | null>();
  for (const file of fs.readdirSync(versions).filter((f) => f.endsWith(".py"))) {
    const text = fs.readFileSync(path.join(versions, file), "utf8");
    const revision = text.match(/^revision[^=]*=\s*"([^"]+)"/m)?.[1];
    const down = text.match(/^down_revision[^=]*=\s*"([^"]+)"/m)?.[1] ?? null;
    if (revision) revisions.set(revision, down);
  }
  const downs = new Set(revisions.values());
  const head = [...revisions.keys()].find((r) => !downs.has(r));
  return `"""A release whose migration fails."""

revision = "9999"
down_revision = "${head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    raise RuntimeError("this migration fails on purpose")


def downgrade() -> None:
    pass
`;
}
