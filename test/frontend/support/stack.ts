/** What the generated frontend's browser tests need from the test services: a database and a bucket of their own. */
import crypto from "node:crypto";
import net from "node:net";
import { run, toolEnv, uv } from "../../backend/support/python.js";
import type { TestServices } from "../../support/services.js";

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function psql(services: TestServices, sql: string): void {
  const result = run("psql", [services.pg.adminUrl, "-v", "ON_ERROR_STOP=1", "-Atqc", sql], process.cwd(), process.env);
  if (result.status !== 0) throw new Error(`psql failed: ${result.output}`);
}

/** A fresh, empty database; the function returned drops it. */
export function createDatabase(services: TestServices, label: string): { url: string; drop: () => void } {
  const name = `fe_${label.replace(/-/g, "_")}_${crypto.randomBytes(3).toString("hex")}`;
  psql(services, `CREATE DATABASE "${name}"`);
  const url = new URL(services.pg.adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(services, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

const DELETE_BUCKET = `
import os, boto3
from botocore.exceptions import ClientError
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], aws_access_key_id=os.environ["S3_ACCESS_KEY"],
                  aws_secret_access_key=os.environ["S3_SECRET_KEY"], region_name=os.environ["S3_REGION"])
bucket = os.environ["S3_BUCKET"]
try:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])
    s3.delete_bucket(Bucket=bucket)
except ClientError as error:
    if error.response["Error"]["Code"] != "NoSuchBucket":
        raise
`;

/** Deletes a bucket the browser tests created (they create it when missing), with the app's own boto3. */
export function deleteBucket(services: TestServices, appDir: string, bucket: string): void {
  const env = toolEnv({
    S3_ENDPOINT: services.s3.endpoint,
    S3_ACCESS_KEY: services.s3.accessKey,
    S3_SECRET_KEY: services.s3.secretKey,
    S3_REGION: services.s3.region,
    S3_BUCKET: bucket,
  });
  const result = uv(["run", "--no-sync", "python", "-c", DELETE_BUCKET], appDir, env);
  if (result.status !== 0) throw new Error(`could not delete bucket ${bucket}: ${result.output}`);
}
