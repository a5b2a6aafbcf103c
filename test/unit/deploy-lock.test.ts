/**
 * One deploy per app at a time: a second deploy of the same app waits for the
 * lock and gives up with a clear message after TOWLION_DEPLOY_LOCK_TIMEOUT;
 * another app is never blocked; the lock is released when a deploy ends.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePresetApps } from "./infra-files-apps.js";
import { DeployHarness } from "./deploy-harness.js";

let harness: DeployHarness;

beforeAll(() => {
  const app = generatePresetApps("deploy-lock", ["api"]).get("api") as string;
  harness = new DeployHarness("lock");
  harness.useRelease(path.join(app, "deploy"));
  harness.provision("shop");
  harness.provision("blog");
});

const deploy = (app: string, tag: string) => ["deploy", app, tag, "--repo", `ghcr.io/acme/${app}`, "--domain", `${app}.example.com`];

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the per-app deploy lock", () => {
  it("makes a second deploy of the same app fail clearly, leaves other apps alone, and is released", async () => {
    // The stand-in docker blocks while this file exists: the first deploy holds the lock inside.
    harness.flag("block");
    const first = harness.start(deploy("shop", "aaa111"));
    await waitFor(() => harness.calls().some((c) => c.startsWith("docker version")), "the first deploy to reach docker");

    const started = Date.now();
    const second = harness.run(deploy("shop", "bbb222"), { env: { TOWLION_DEPLOY_LOCK_TIMEOUT: "1" } });
    const waited = Date.now() - started;
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/another deploy of 'shop' is running \(pid \d+, deploy, since \S+\); waiting up to 1s/);
    expect(second.stderr).toMatch(/another deploy of 'shop' is still running after 1s .*; nothing was changed/);
    expect(waited).toBeGreaterThanOrEqual(900);

    // Another app takes its own lock at once (and then waits on the blocked docker, like the first).
    const other = harness.start(deploy("blog", "ccc333"), { TOWLION_DEPLOY_LOCK_TIMEOUT: "0" });
    await waitFor(() => harness.calls().filter((c) => c.startsWith("docker version")).length >= 2, "the other app to pass its lock");

    harness.flag("block", false);
    const [firstResult, otherResult] = await Promise.all([first, other]);
    expect(firstResult.stderr).not.toMatch(/another deploy/);
    expect(firstResult.stdout).toBe("deployed shop aaa111 (blue) at https://shop.example.com\n");
    expect(otherResult.stderr).not.toMatch(/another deploy/);
    expect(otherResult.status).toBe(0);

    // Released: the next deploy of shop gets the lock without waiting.
    const third = harness.run(deploy("shop", "ddd444"), { env: { TOWLION_DEPLOY_LOCK_TIMEOUT: "0" } });
    expect(third.stderr).not.toMatch(/another deploy/);
    expect(third.status).toBe(0);
    expect(harness.state("shop")).toMatchObject({ live: "green", tag: "ddd444", previous_tag: "aaa111" });
    expect(fs.readFileSync(path.join(harness.data, "deploy", ".locks", "shop.lock.owner"), "utf8")).toMatch(/^pid \d+, deploy, since /);
  });
});
