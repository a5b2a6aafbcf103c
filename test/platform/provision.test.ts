/**
 * provision-app / deprovision-app against the real PostgreSQL, Redis and S3
 * test servers: each app reaches its own data and nothing of another app's.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  mustRun,
  platformEnv,
  psqlAs,
  rcloneAs,
  readCredentials,
  redisAs,
  runScript,
  scratchData,
  uniqueName,
} from "../support/platform-scripts.js";

const data = scratchData("provision");
const env = platformEnv(data);
const appA = uniqueName("tpa");
const appB = uniqueName("tpb");
const created: string[] = [];

function provision(app: string, ...flags: string[]): void {
  mustRun("provision-app", [app, ...flags], env);
  if (!created.includes(app)) created.push(app);
}

beforeAll(() => {
  provision(appA);
  provision(appB);
});

afterAll(() => {
  for (const app of created) runScript("deprovision-app", [app, "--yes"], env);
  fs.rmSync(data, { recursive: true, force: true });
});

describe("provision-app", () => {
  it("writes the contract's variables to a mode-600 credentials file", () => {
    const file = path.join(data, "apps", appA, "credentials.env");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const creds = readCredentials(data, appA);
    const dbUser = `${appA}_user`;
    expect(creds.DATABASE_URL).toMatch(new RegExp(`^postgresql://${dbUser}:[0-9a-f]{48}@127\\.0\\.0\\.1:\\d+/${appA}_db$`));
    expect(creds.REDIS_URL).toMatch(new RegExp(`^redis://${appA}:[0-9a-f]{48}@127\\.0\\.0\\.1:\\d+/0$`));
    expect(creds).toMatchObject({
      REDIS_KEY_PREFIX: `${appA}:`,
      S3_BUCKET: `${appA}-uploads`,
      S3_ACCESS_KEY: appA,
      S3_REGION: "us-east-1",
    });
    expect(creds.S3_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(creds.S3_SECRET_KEY).toMatch(/^[0-9a-f]{48}$/);
  });

  it("uses the contract's host names unless told otherwise", () => {
    const app = uniqueName("tph");
    const plain = { ...env };
    for (const key of Object.keys(plain)) if (key.startsWith("TOWLION_APP_")) delete plain[key];
    mustRun("provision-app", [app], plain);
    created.push(app);
    const creds = readCredentials(data, app);
    expect(creds.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(creds.REDIS_URL).toMatch(/@redis:6379\/0$/);
    expect(creds.S3_ENDPOINT).toBe("http://minio:9000");
  });

  it("lets an app run migrations in its own database (PostgreSQL 15 revoked CREATE on public)", () => {
    const creds = readCredentials(data, appA);
    const result = psqlAs(
      creds.DATABASE_URL!,
      `CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
       INSERT INTO alembic_version VALUES ('0001');
       CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL);
       CREATE INDEX items_name ON items (name);
       ALTER TABLE items ADD COLUMN created_at timestamptz DEFAULT now();
       INSERT INTO items (name) VALUES ('first');
       SELECT count(*) FROM items;`,
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("1");
  });

  it("keeps app A out of app B's database", () => {
    const a = readCredentials(data, appA);
    const result = psqlAs(a.DATABASE_URL!, "SELECT 1", `${appB}_db`);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/permission denied for database/);
    // B's role password is not A's either: A cannot log in as B.
    const b = readCredentials(data, appB);
    const asB = new URL(b.DATABASE_URL!);
    asB.password = new URL(a.DATABASE_URL!).password;
    expect(psqlAs(asB.toString(), "SELECT 1").stderr).toMatch(/password authentication failed/);
  });

  it("keeps app A out of app B's bucket, and lets it use its own", () => {
    const a = readCredentials(data, appA);
    const b = readCredentials(data, appB);
    const own = rcloneAs(a.S3_ACCESS_KEY!, a.S3_SECRET_KEY!, ["rcat", `s3:${a.S3_BUCKET}/hello.txt`], "hello from A");
    expect(own.stderr).toBe("");
    expect(rcloneAs(a.S3_ACCESS_KEY!, a.S3_SECRET_KEY!, ["cat", `s3:${a.S3_BUCKET}/hello.txt`]).stdout).toBe("hello from A");

    expect(rcloneAs(b.S3_ACCESS_KEY!, b.S3_SECRET_KEY!, ["rcat", `s3:${b.S3_BUCKET}/secret.txt`], "B only").status).toBe(0);
    const read = rcloneAs(a.S3_ACCESS_KEY!, a.S3_SECRET_KEY!, ["cat", `s3:${b.S3_BUCKET}/secret.txt`]);
    expect(read.status).not.toBe(0);
    expect(read.stderr).toMatch(/AccessDenied|403/);
    const list = rcloneAs(a.S3_ACCESS_KEY!, a.S3_SECRET_KEY!, ["lsf", `s3:${b.S3_BUCKET}`]);
    expect(list.status).not.toBe(0);
    const write = rcloneAs(a.S3_ACCESS_KEY!, a.S3_SECRET_KEY!, ["rcat", `s3:${b.S3_BUCKET}/x.txt`], "intruder");
    expect(write.status).not.toBe(0);
    // An app account cannot create buckets of its own either.
    const mkdir = rcloneAs(a.S3_ACCESS_KEY!, a.S3_SECRET_KEY!, ["mkdir", "--s3-no-check-bucket=false", `s3:${appA}-extra`]);
    expect(mkdir.stderr).toMatch(/AccessDenied/);
  });

  it("keeps app A out of app B's Redis keys and channels, and lets it use its own", () => {
    const a = readCredentials(data, appA);
    const b = readCredentials(data, appB);
    const own = redisAs(a.REDIS_URL!, `SET ${appA}:greeting hi\nGET ${appA}:greeting\nPUBLISH ${appA}:events x\n`);
    expect(own.stdout.split("\n").slice(0, 2)).toEqual(["OK", "hi"]);
    expect(own.stdout).not.toMatch(/NOPERM|ERR/);

    expect(redisAs(b.REDIS_URL!, `SET ${appB}:secret s\n`).stdout.trim()).toBe("OK");
    const read = redisAs(a.REDIS_URL!, `GET ${appB}:secret\n`);
    expect(read.stdout).toMatch(/NOPERM/);
    const write = redisAs(a.REDIS_URL!, `SET ${appB}:secret overwritten\n`);
    expect(write.stdout).toMatch(/NOPERM/);
    expect(redisAs(a.REDIS_URL!, `SET unprefixed 1\n`).stdout).toMatch(/NOPERM/);
    expect(redisAs(a.REDIS_URL!, `PUBLISH ${appB}:events x\n`).stdout).toMatch(/NOPERM/);
    // Admin and dangerous commands are refused too.
    expect(redisAs(a.REDIS_URL!, "FLUSHALL\n").stdout).toMatch(/NOPERM/);
    expect(redisAs(a.REDIS_URL!, "CONFIG GET maxmemory\n").stdout).toMatch(/NOPERM/);
    expect(redisAs(b.REDIS_URL!, `GET ${appB}:secret\n`).stdout.trim()).toBe("s");
  });

  it("keeps working credentials when run again, and repairs a half-applied app", () => {
    const before = fs.readFileSync(path.join(data, "apps", appA, "credentials.env"), "utf8");
    // Break every service's copy of the secret, as an interrupted run could.
    const s = platformEnv(data);
    const broken = psqlAs(
      `postgresql://${s.PGUSER}:${s.PGPASSWORD}@${s.PGHOST}:${s.PGPORT}/postgres`,
      `ALTER ROLE "${appA}_user" PASSWORD 'something-else'`,
    );
    expect(broken.status).toBe(0);
    redisAs(`redis://default:${s.TOWLION_REDIS_ADMIN_PASSWORD}@${s.TOWLION_REDIS_HOST}:${s.TOWLION_REDIS_PORT}/0`, `ACL DELUSER ${appA}\n`);
    const creds = readCredentials(data, appA);
    expect(psqlAs(creds.DATABASE_URL!, "SELECT 1").status).not.toBe(0);

    const again = mustRun("provision-app", [appA], env);
    expect(again.stderr).toMatch(/keeping the existing credentials/);
    expect(fs.readFileSync(path.join(data, "apps", appA, "credentials.env"), "utf8")).toBe(before);
    expect(psqlAs(creds.DATABASE_URL!, "SELECT count(*) FROM items").stdout.trim()).toBe("1");
    expect(redisAs(creds.REDIS_URL!, `GET ${appA}:greeting\n`).stdout.trim()).toBe("hi");
    expect(rcloneAs(creds.S3_ACCESS_KEY!, creds.S3_SECRET_KEY!, ["cat", `s3:${creds.S3_BUCKET}/hello.txt`]).stdout).toBe("hello from A");
  });

  it("rotates every secret: the new ones work, the old ones stop working", () => {
    const old = readCredentials(data, appB);
    const result = mustRun("provision-app", [appB, "--rotate"], env);
    // No Docker daemon here: the script says the app must be restarted by hand.
    expect(result.stderr).toMatch(/restart app '.+' yourself|has no containers yet/);
    const fresh = readCredentials(data, appB);
    expect(fresh.DATABASE_URL).not.toBe(old.DATABASE_URL);
    expect(fresh.REDIS_URL).not.toBe(old.REDIS_URL);
    expect(fresh.S3_SECRET_KEY).not.toBe(old.S3_SECRET_KEY);

    expect(psqlAs(old.DATABASE_URL!, "SELECT 1").stderr).toMatch(/password authentication failed/);
    expect(psqlAs(fresh.DATABASE_URL!, "SELECT 1").stdout.trim()).toBe("1");
    expect(redisAs(old.REDIS_URL!, "PING\n").stdout + redisAs(old.REDIS_URL!, "PING\n").stderr).toMatch(/WRONGPASS/);
    expect(redisAs(fresh.REDIS_URL!, `GET ${appB}:secret\n`).stdout.trim()).toBe("s");
    expect(rcloneAs(old.S3_ACCESS_KEY!, old.S3_SECRET_KEY!, ["cat", `s3:${old.S3_BUCKET}/secret.txt`]).status).not.toBe(0);
    expect(rcloneAs(fresh.S3_ACCESS_KEY!, fresh.S3_SECRET_KEY!, ["cat", `s3:${fresh.S3_BUCKET}/secret.txt`]).stdout).toBe("B only");
  });

  it("refuses bad names and a damaged credentials file, changing nothing", () => {
    for (const bad of ["Upper", "has_underscore", "trail-", "double--hyphen", "9starts-with-digit", "x".repeat(51)]) {
      const result = runScript("provision-app", [bad], env);
      expect(result.status, bad).toBe(2);
      expect(result.stderr).toMatch(/invalid app name/);
    }
    const file = path.join(data, "apps", appA, "credentials.env");
    const good = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, good.replace(/^DATABASE_URL=.*$/m, "DATABASE_URL=postgresql://x@y/z"), { mode: 0o600 });
    const result = runScript("provision-app", [appA], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/is damaged.*--rotate/);
    fs.writeFileSync(file, good, { mode: 0o600 });
    expect(runScript("provision-app", [appA, "--rotate", "extra"], env).status).toBe(2);
    expect(runScript("provision-app", ["--bogus-flag"], env).status).toBe(2);
  });
});

describe("deprovision-app", () => {
  it("removes the database, role, bucket, Redis user and keys, and credentials; refuses unknown names", () => {
    const app = uniqueName("tpd");
    mustRun("provision-app", [app], env);
    const creds = readCredentials(data, app);
    expect(rcloneAs(creds.S3_ACCESS_KEY!, creds.S3_SECRET_KEY!, ["rcat", `s3:${creds.S3_BUCKET}/f.txt`], "x").status).toBe(0);
    expect(redisAs(creds.REDIS_URL!, `SET ${app}:k v\n`).stdout.trim()).toBe("OK");

    expect(runScript("deprovision-app", [app], env).status).toBe(2); // needs --yes
    mustRun("deprovision-app", [app, "--yes"], env);

    expect(fs.existsSync(path.join(data, "apps", app))).toBe(false);
    const s = platformEnv(data);
    const admin = `postgresql://${s.PGUSER}:${s.PGPASSWORD}@${s.PGHOST}:${s.PGPORT}/postgres`;
    expect(
      psqlAs(admin, `SELECT count(*) FROM pg_database WHERE datname = '${app}_db'
        UNION ALL SELECT count(*) FROM pg_roles WHERE rolname = '${app}_user'`).stdout.trim(),
    ).toBe("0\n0");
    const redisAdmin = `redis://default:${s.TOWLION_REDIS_ADMIN_PASSWORD}@${s.TOWLION_REDIS_HOST}:${s.TOWLION_REDIS_PORT}/0`;
    expect(redisAs(redisAdmin, `EXISTS ${app}:k\nACL GETUSER ${app}\n`).stdout.trim()).toBe("0");
    const root = rcloneAs(s.TOWLION_S3_ROOT_ACCESS_KEY!, s.TOWLION_S3_ROOT_SECRET_KEY!, ["lsf", "s3:"]);
    expect(root.stdout).not.toContain(`${app}-uploads`);

    const again = runScript("deprovision-app", [app, "--yes"], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/is not provisioned here/);
  });
});
