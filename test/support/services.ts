/** Connection settings of the services started by scripts/test-services.sh. */
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./paths.js";

export interface TestServices {
  pg: { host: string; port: number; user: string; password: string; adminUrl: string };
  redis: { host: string; port: number; password: string; adminUrl: string };
  s3: { endpoint: string; adminEndpoint: string; accessKey: string; secretKey: string; region: string };
}

export function testServices(): TestServices {
  const file = path.join(process.env.TOWLION_TEST_STATE ?? path.join(repoRoot, ".tmp", "services"), "env");
  const env = Object.fromEntries(
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  ) as Record<string, string>;
  const get = (key: string): string => {
    const value = env[key];
    if (value === undefined) throw new Error(`${file} lacks ${key}; run scripts/test-services.sh start`);
    return value;
  };
  return {
    pg: {
      host: get("TEST_PG_HOST"),
      port: Number(get("TEST_PG_PORT")),
      user: get("TEST_PG_USER"),
      password: get("TEST_PG_PASSWORD"),
      adminUrl: get("TEST_DATABASE_ADMIN_URL"),
    },
    redis: {
      host: get("TEST_REDIS_HOST"),
      port: Number(get("TEST_REDIS_PORT")),
      password: get("TEST_REDIS_PASSWORD"),
      adminUrl: get("TEST_REDIS_ADMIN_URL"),
    },
    s3: {
      endpoint: get("TEST_S3_ENDPOINT"),
      adminEndpoint: get("TEST_S3_ADMIN_ENDPOINT"),
      accessKey: get("TEST_S3_ACCESS_KEY"),
      secretKey: get("TEST_S3_SECRET_KEY"),
      region: get("TEST_S3_REGION"),
    },
  };
}
