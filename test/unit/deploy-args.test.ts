/**
 * The deploy entry point refuses every malformed request with exit 2 and a
 * message naming the problem, before it touches anything: no docker call is
 * made, no state is written.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DeployHarness } from "./deploy-harness.js";

let harness: DeployHarness;

beforeAll(() => {
  harness = new DeployHarness("args");
  harness.provision("shop");
});

const REPO = "ghcr.io/acme/shop";
const good = (extra: string[] = []) => ["deploy", "shop", "0123abc", "--repo", REPO, "--domain", "shop.example.com", ...extra];

function refused(args: string[], message: RegExp | string, env: Record<string, string> = {}) {
  harness.clearCalls();
  const result = harness.run(args, { env });
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stdout).toBe("");
  expect(harness.calls()).toEqual([]);
  expect(fs.existsSync(path.join(harness.data, "deploy", "shop", "state"))).toBe(false);
}

describe("deploy refuses with exit 2", () => {
  it.each([
    [[], /no command given/],
    [["launch", "shop"], /unknown command 'launch'/],
    [["deploy"], /deploy takes <app> <tag> \(0 arguments given\)/],
    [["deploy", "shop", "0123abc", "extra", "--repo", REPO, "--domain", "shop.example.com"], /takes <app> <tag> \(3 arguments given\)/],
    [["deploy", "shop", "0123abc", "--domain", "shop.example.com"], /deploy needs --repo/],
    [["deploy", "shop", "0123abc", "--repo", REPO], /deploy needs --domain/],
    [good(["--repo", REPO]), /--repo given twice/],
    [good(["--force", "yes"]), /deploy does not take the option '--force'/],
    [good(["-x"]), /unknown option '-x'/],
    [good(["--registry-user"]), /option --registry-user needs a value/],
    [["rollback", "shop", "0123abc", "--repo", REPO], /rollback does not take the option '--repo'/],
    [["status"], /status takes <app>/],
    [Array.from({ length: 70 }, () => "x"), /too many arguments \(70\)/],
  ])("%j", (args, message) => refused(args as string[], message));

  it.each([
    ["Shop", /invalid app name 'Shop'/],
    ["../etc", /invalid app name '\.\.\/etc'/],
    ["shop/../../x", /invalid app name/],
    ["-shop", /unknown option '-shop'/],
    ["shop--x", /invalid app name/],
    ["shop;reboot", /invalid app name/],
    ["$(id)", /invalid app name/],
    ["a".repeat(51), /invalid app name/],
    ["shop-pr-3", /'shop-pr-3' is a preview's name/],
  ])("app name %j", (app, message) => refused(["deploy", app, "0123abc", "--repo", REPO, "--domain", "shop.example.com"], message));

  it.each([
    ["../../etc/passwd", /invalid image tag/],
    ["a/b", /invalid image tag/],
    [".hidden", /invalid image tag/],
    ["-rf", /unknown option '-rf'/],
    ["abc;rm", /invalid image tag/],
    ["x".repeat(129), /invalid image tag/],
    ["tag with space", /takes <app> <tag> \(4 arguments given\)/],
  ])("tag %j", (tag, message) => refused(["deploy", "shop", ...tag.split(" "), "--repo", REPO, "--domain", "shop.example.com"], message));

  it.each([
    ["ghcr.io/acme/shop:latest", /invalid image repository/],
    ["GHCR.io/acme/shop", /invalid image repository/],
    ["ghcr.io/acme/../shop", /invalid image repository/],
    ["ghcr.io//shop", /invalid image repository/],
    ["/var/lib/docker", /invalid image repository/],
    ["ghcr.io/acme/shop@sha256:abc", /invalid image repository/],
    ["ghcr.io/evil/shop", /image repository 'ghcr\.io\/evil\/shop' is not allowed on this server/],
    ["docker.io/acme/shop", /is not allowed on this server/],
    ["ghcr.io/acmeevil/shop", /is not allowed on this server/],
    ["127.0.0.1:5001/shop", /is not allowed on this server/],
  ])("image repository %j", (repo, message) => refused(["deploy", "shop", "0123abc", "--repo", repo, "--domain", "shop.example.com"], message));

  it.each([["Shop.example.com"], ["shop"], ["shop.example.com."], ["-shop.example.com"], ["shop_1.example.com"], ["shop.example.com/x"]])(
    "domain %j",
    (domain) => refused(["deploy", "shop", "0123abc", "--repo", REPO, "--domain", domain], /invalid host name/),
  );

  it.each([["0"], ["-1"], ["1.5"], ["12a"], ["1234567890"]])("pull-request number %j", (pr) =>
    refused(["preview-down", "shop", pr], pr === "-1" ? /unknown option '-1'/ : /invalid pull-request number/),
  );

  it("a registry user with shell characters", () => refused(good(["--registry-user", "a$b"]), /invalid registry user/));

  it("a preview whose name would be longer than an app name may be", () =>
    refused(["preview", "a".repeat(45), "123456", "0123abc", "--repo", REPO, "--preview-domain", "p.example.com"], /invalid app name/));

  it("preview-sweep with something other than numbers", () => refused(["preview-sweep", "shop", "3", "all"], /invalid pull-request number 'all'/));
});

describe("deploy accepts", () => {
  it("a repository under an allowed registry with a port (the test registry)", () => {
    // It passes validation and stops at the first real step (the stand-in image is missing).
    harness.flag("image-missing");
    harness.flag("pull-fails");
    const result = harness.run(["deploy", "shop", "0123abc", "--repo", "127.0.0.1:5000/acme/shop", "--domain", "shop.example.com"]);
    harness.flag("image-missing", false);
    harness.flag("pull-fails", false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("cannot pull 127.0.0.1:5000/acme/shop/app:0123abc: denied: not allowed");
    expect(result.stderr).toContain("nothing was live before");
  });

  it("--help without any settings", () => {
    const result = harness.run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("rollback <app> <tag>");
  });
});
