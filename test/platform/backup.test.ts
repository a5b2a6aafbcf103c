/**
 * backup, restore and verify-backup against the real PostgreSQL test server,
 * with age encryption and an rclone off-site copy to the real S3 test server.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  mustRun,
  platformEnv,
  psqlAs,
  rcloneAs,
  readCredentials,
  run,
  runScript,
  scratchData,
  uniqueName,
} from "../support/platform-scripts.js";

const prefix = uniqueName("tb");
const apps = ["one", "two", "three"].map((suffix) => `${prefix}-${suffix}`);
const data = scratchData("backup");
const backups = path.join(data, "backups", "postgres");
const env = platformEnv(data, { TOWLION_BACKUP_DB_REGEX: `^${prefix}_` });
const admin = (() => {
  const s = platformEnv(data);
  return `postgresql://${s.PGUSER}:${s.PGPASSWORD}@${s.PGHOST}:${s.PGPORT}/postgres`;
})();

function credentials(app: string): Record<string, string> {
  return readCredentials(data, app);
}

function sql(app: string, statement: string): string {
  const result = psqlAs(credentials(app).DATABASE_URL!, statement);
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

function backupFolders(): string[] {
  return fs
    .readdirSync(backups)
    .filter((name) => /^\d{8}T\d{6}Z$/.test(name))
    .sort();
}

function newestFolder(): string {
  const folders = backupFolders();
  return path.join(backups, folders[folders.length - 1]!);
}

/** A stamp `hours` in the past, in the backup folder format. */
function stampHoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3600_000).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

beforeAll(() => {
  apps.forEach((app, index) => {
    mustRun("provision-app", [app], env);
    sql(
      app,
      `CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
       INSERT INTO alembic_version VALUES ('rev${index}');
       CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);
       INSERT INTO notes (body) SELECT 'note ' || n FROM generate_series(1, ${10 * (index + 1)}) AS n;`,
    );
  });
});

afterAll(() => {
  for (const app of apps) runScript("deprovision-app", [app, "--yes"], env);
  fs.rmSync(data, { recursive: true, force: true });
});

describe("backup", () => {
  it("dumps the roles and every app database, and each dump restores", () => {
    const result = mustRun("backup", [], env);
    expect(result.stderr).toMatch(/globals and 3 database\(s\)/);
    const folder = newestFolder();
    const files = fs.readdirSync(folder).sort();
    expect(files).toEqual(["SHA256SUMS", "globals.sql", ...apps.map((app) => `${app.replace(/-/g, "_")}_db.dump`).sort()]);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(path.join(folder, "globals.sql"), "utf8")).toMatch(new RegExp(`CREATE ROLE ${prefix}_one_user`));

    // Each dump restores on its own into a scratch database with all its rows.
    apps.forEach((app, index) => {
      const scratch = `${prefix}_check_${index}`;
      expect(psqlAs(admin, `CREATE DATABASE ${scratch}`).status).toBe(0);
      try {
        const s = platformEnv(data);
        const restored = run("pg_restore", ["--no-owner", "--exit-on-error", "-d", scratch, path.join(folder, `${app.replace(/-/g, "_")}_db.dump`)], s);
        expect(restored.stderr).toBe("");
        expect(psqlAs(admin, "SELECT count(*) FROM notes", scratch).stdout.trim()).toBe(String(10 * (index + 1)));
      } finally {
        psqlAs(admin, `DROP DATABASE ${scratch}`);
      }
    });

    const verified = mustRun("verify-backup", [], env);
    expect(verified.stderr.match(/^ok: /gm)).toHaveLength(3);
    expect(verified.stderr).toMatch(/migration head rev2/);
  });

  it("encrypts with age and restores from the encrypted dump", () => {
    const key = path.join(data, "backup.agekey");
    expect(run("age-keygen", ["-o", key], process.env).status).toBe(0);
    const encrypted = { ...env, TOWLION_BACKUP_AGE_KEY_FILE: key };
    mustRun("backup", [], encrypted);
    const folder = newestFolder();
    const files = fs.readdirSync(folder).sort();
    expect(files.filter((f) => f !== "SHA256SUMS").every((f) => f.endsWith(".age"))).toBe(true);
    const dump = path.join(folder, `${prefix}_two_db.dump.age`);
    const bytes = fs.readFileSync(dump);
    expect(bytes.subarray(0, 21).toString()).toBe("age-encryption.org/v1");
    expect(bytes.includes(Buffer.from("note 1"))).toBe(false);
    expect(fs.readFileSync(path.join(folder, "globals.sql.age")).includes(Buffer.from("CREATE ROLE"))).toBe(false);

    // Without the key, verification says what is missing.
    const noKey = runScript("verify-backup", [], env);
    expect(noKey.status).toBe(1);
    expect(noKey.stderr).toMatch(/encrypted: set TOWLION_BACKUP_AGE_KEY_FILE/);

    sql(`${prefix}-two`, "DELETE FROM notes");
    const restored = mustRun("restore", [`${prefix}-two`], encrypted);
    expect(restored.stderr).toMatch(/2 tables, migration head rev1/);
    expect(sql(`${prefix}-two`, "SELECT count(*) FROM notes")).toBe("20");
    expect(mustRun("verify-backup", [], encrypted).stderr).toMatch(/3 dump\(s\) restored and checked/);
  });

  it("restores into a live app with connections open, and the app reconnects", async () => {
    const app = `${prefix}-one`;
    const backup = mustRun("backup", [], env);
    expect(backup.status).toBe(0);
    sql(app, "INSERT INTO notes (body) VALUES ('written after the backup')");
    expect(sql(app, "SELECT count(*) FROM notes")).toBe("11");

    // An app session, idle in a transaction, holding the database open.
    const url = new URL(credentials(app).DATABASE_URL!);
    const session = spawn("psql", ["-X", "-q", "-d", url.pathname.slice(1)], {
      env: { ...process.env, PGHOST: url.hostname, PGPORT: url.port, PGUSER: url.username, PGPASSWORD: url.password },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const ended = new Promise<number | null>((resolve) => session.on("exit", resolve));
    session.stdin.write("BEGIN; SELECT count(*) FROM notes;\n");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(psqlAs(admin, `SELECT count(*) FROM pg_stat_activity WHERE datname = '${prefix}_one_db'`).stdout.trim()).not.toBe("0");

    const restored = mustRun("restore", [app], env);
    expect(restored.stderr).toMatch(/previous database is kept as .*_one_db_prev/);
    session.stdin.write("SELECT 1;\n");
    session.stdin.end();
    await ended; // the open session was ended by the restore

    expect(sql(app, "SELECT count(*) FROM notes")).toBe("10");
    expect(sql(app, "SELECT version_num FROM alembic_version")).toBe("rev0");
    expect(psqlAs(admin, "SELECT count(*) FROM notes WHERE body = 'written after the backup'", `${prefix}_one_db_prev`).stdout.trim()).toBe("1");
    // The restored tables belong to the app, so its next migration works.
    sql(app, "ALTER TABLE notes ADD COLUMN extra int");
  });

  it("leaves the live database untouched when the dump is bad", () => {
    const app = `${prefix}-three`;
    const bad = path.join(data, "not-a-dump.dump");
    fs.writeFileSync(bad, "this is not a pg_dump archive");
    const result = runScript("restore", [app, bad], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not a readable pg_dump archive/);
    expect(sql(app, "SELECT count(*) FROM notes")).toBe("30");
    expect(runScript("restore", [app, path.join(data, "missing.dump")], env).stderr).toMatch(/does not exist/);
    expect(runScript("restore", ["Bad_Name"], env).status).toBe(2);
  });

  it("keeps backups for the retention period, never deleting the newest", () => {
    const old = path.join(backups, stampHoursAgo(24 * 30));
    fs.cpSync(newestFolder(), old, { recursive: true });
    run("touch", ["-d", "30 days ago", old], process.env);
    const result = mustRun("backup", [], { ...env, TOWLION_BACKUP_RETENTION_DAYS: "14" });
    expect(result.stderr).toMatch(/removed old backup/);
    // The copy an earlier restore kept (<db>_prev) is not backed up as an app.
    expect(result.stderr).toMatch(/globals and 3 database\(s\)/);
    expect(fs.readdirSync(newestFolder())).not.toContain(`${prefix}_one_db_prev.dump`);
    expect(fs.existsSync(old)).toBe(false);
    expect(backupFolders().length).toBeGreaterThan(0);
  });
});

describe("verify-backup", () => {
  it("fails on a corrupted dump, whether or not its checksum was updated, and alerts", () => {
    mustRun("backup", [], env);
    const folder = newestFolder();
    const dump = path.join(folder, `${prefix}_three_db.dump`);
    const original = fs.readFileSync(dump);
    const alertFile = path.join(data, "alert.txt");
    const alerting = { ...env, TOWLION_ALERT_COMMAND: `cat > '${alertFile}'` };
    try {
      fs.writeFileSync(dump, original.subarray(0, Math.floor(original.length / 2)));
      const checksum = runScript("verify-backup", [], alerting);
      expect(checksum.status).toBe(1);
      expect(checksum.stderr).toMatch(/does not match its SHA256SUMS/);
      expect(fs.readFileSync(alertFile, "utf8")).toMatch(/backup verification .* failed/);

      // Same damage with a matching checksum: the restore itself must catch it.
      const sums = run("sh", ["-c", `cd '${folder}' && sha256sum -- *.dump globals.sql > SHA256SUMS`], process.env);
      expect(sums.status).toBe(0);
      const restore = runScript("verify-backup", [], env);
      expect(restore.status).toBe(1);
      expect(restore.stderr).toMatch(/_three_db\.dump (does not restore|is not a readable pg_dump archive)/);
      expect(restore.stderr).not.toMatch(/does not match its SHA256SUMS/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("fails when the newest backup is stale, or when there is none", () => {
    mustRun("backup", [], env);
    for (const name of backupFolders().slice(0, -1)) fs.rmSync(path.join(backups, name), { recursive: true });
    fs.renameSync(newestFolder(), path.join(backups, stampHoursAgo(72)));
    const stale = runScript("verify-backup", [], env);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/is 7[12] hours old, more than TOWLION_BACKUP_MAX_AGE_HOURS=26/);
    expect(runScript("verify-backup", [], { ...env, TOWLION_BACKUP_MAX_AGE_HOURS: "100" }).status).toBe(0);

    const empty = runScript("verify-backup", [], { ...env, TOWLION_BACKUP_DIR: path.join(data, "no-backups") });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/no complete backup/);
  });
});

describe("off-site copy", () => {
  it("copies the backup and the app buckets to an rclone remote", () => {
    const s = platformEnv(data);
    const root = [s.TOWLION_S3_ROOT_ACCESS_KEY!, s.TOWLION_S3_ROOT_SECRET_KEY!] as const;
    const offsiteBucket = `${prefix}-offsite`;
    const creds = credentials(`${prefix}-one`);
    expect(rcloneAs(creds.S3_ACCESS_KEY!, creds.S3_SECRET_KEY!, ["rcat", `s3:${creds.S3_BUCKET}/photos/cat.jpg`], "meow").status).toBe(0);
    expect(rcloneAs(...root, ["mkdir", "--s3-no-check-bucket=false", `s3:${offsiteBucket}`]).status).toBe(0);
    try {
      const offsite = {
        ...env,
        TOWLION_OFFSITE_REMOTE: `offsite:${offsiteBucket}`,
        TOWLION_OFFSITE_BUCKET_REGEX: `^${prefix}-`,
        RCLONE_CONFIG_OFFSITE_TYPE: "s3",
        RCLONE_CONFIG_OFFSITE_PROVIDER: "Other",
        RCLONE_CONFIG_OFFSITE_ENDPOINT: s.TOWLION_S3_ENDPOINT!,
        RCLONE_CONFIG_OFFSITE_ACCESS_KEY_ID: root[0],
        RCLONE_CONFIG_OFFSITE_SECRET_ACCESS_KEY: root[1],
        RCLONE_CONFIG_OFFSITE_FORCE_PATH_STYLE: "true",
      };
      const result = mustRun("backup", [], offsite);
      const stamp = path.basename(newestFolder());
      expect(result.stderr).toMatch(new RegExp(`copied backup ${stamp}`));
      const listing = rcloneAs(...root, ["lsf", "-R", `s3:${offsiteBucket}`]).stdout.split("\n");
      expect(listing).toContain(`postgres/${stamp}/${prefix}_two_db.dump`);
      expect(listing).toContain(`postgres/${stamp}/SHA256SUMS`);
      expect(listing).toContain(`buckets/${prefix}-one-uploads/photos/cat.jpg`);
      expect(rcloneAs(...root, ["cat", `s3:${offsiteBucket}/buckets/${prefix}-one-uploads/photos/cat.jpg`]).stdout).toBe("meow");

      // A remote that does not work is a failure, reported and non-zero.
      const broken = mustFail(runScript("backup", [], { ...offsite, TOWLION_OFFSITE_REMOTE: "nosuchremote:bucket" }));
      expect(broken.stderr).toMatch(/off-site copy of backup .* failed/);
    } finally {
      rcloneAs(...root, ["purge", `s3:${offsiteBucket}`]);
    }
  });
});

function mustFail(result: ReturnType<typeof runScript>): ReturnType<typeof runScript> {
  expect(result.status).not.toBe(0);
  return result;
}
