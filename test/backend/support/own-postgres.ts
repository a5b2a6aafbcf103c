/**
 * A PostgreSQL server of the test's own, on a free port, that the test may stop and start
 * (the shared test server must keep running for everyone else).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function pgBin(tool: string): string {
  const versions = fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b));
  return path.join("/usr/lib/postgresql", versions.at(-1) ?? "15", "bin", tool);
}

const asRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root; the Debian package brings a postgres user. */
function asOwner(tool: string, args: readonly string[]): string {
  const [command, allArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", pgBin(tool), ...args]] : [pgBin(tool), [...args]];
  return execFileSync(command, allArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export class OwnPostgres {
  private constructor(
    readonly port: number,
    readonly password: string,
    private readonly dataDir: string,
  ) {}

  /** A fresh cluster with superuser `postgres` (password auth over TCP) and one database. */
  static async create(password: string, database: string): Promise<OwnPostgres> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "towlion-own-pg-"));
    const dataDir = path.join(home, "data");
    const passwordFile = path.join(home, "password");
    fs.writeFileSync(passwordFile, `${password}\n`);
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      fs.chownSync(home, uid, gid);
      fs.chownSync(passwordFile, uid, gid);
    }
    asOwner("initdb", ["-D", dataDir, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${passwordFile}`]);
    const server = new OwnPostgres(await freePort(), password, dataDir);
    server.start();
    execFileSync("psql", ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", "-d", "postgres", "-c", `CREATE DATABASE ${database}`], {
      env: { ...process.env, PGPASSWORD: password },
      stdio: "ignore",
    });
    return server;
  }

  start(): void {
    asOwner("pg_ctl", [
      "-D",
      this.dataDir,
      "-l",
      path.join(this.dataDir, "server.log"),
      "-w",
      "-o",
      `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
  }

  stop(): void {
    asOwner("pg_ctl", ["-D", this.dataDir, "-m", "fast", "-w", "stop"]);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    fs.rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
  }
}
