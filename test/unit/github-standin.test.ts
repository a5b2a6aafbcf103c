/**
 * The GitHub stand-in holds itself to GitHub's OpenAPI description: requests
 * that break it and responses that would break it are caught loudly. These
 * tests provoke each kind on purpose (the other GitHub tests assert that their
 * runs cause none).
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitHubStandin, OPERATION_IDS } from "../support/github-standin/index.js";
import { loadSpec } from "../support/github-standin/spec.js";

const TOKEN = "ghp_standinselftest0123456789abcdefghijk";
let standin: GitHubStandin;

beforeAll(async () => {
  standin = await GitHubStandin.start();
  standin.addUser("alice");
  standin.addToken(TOKEN, { login: "alice", kind: "classic", scopes: ["repo"] });
  standin.addRepository("alice", "shop");
});

afterAll(async () => {
  await standin?.stop();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${standin.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `token ${TOKEN}`,
      "user-agent": "stand-in self test",
      accept: "application/vnd.github+json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const violations = standin.violations.splice(0);
  return { status: response.status, body: (await response.text()) || undefined, violations };
}

/** fetch() refuses a GET with a body; a client could still send one. */
function rawRequest(method: string, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${standin.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `token ${TOKEN}`,
        "user-agent": "stand-in self test",
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
      },
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("the GitHub stand-in", () => {
  it("serves exactly the operations it names, taken from @octokit/openapi", () => {
    const spec = loadSpec();
    expect(spec.operations.map((o) => o.id).sort()).toEqual([...OPERATION_IDS].sort());
    const put = spec.operations.find((o) => o.id === "actions/create-or-update-repo-secret");
    expect(put?.method).toBe("PUT");
    expect(put?.template).toBe("/repos/{owner}/{repo}/actions/secrets/{secret_name}");
  });

  it("answers a valid call with a response that validates, and records no violation", async () => {
    const result = await call("GET", "/repos/alice/shop");
    expect(result.status).toBe(200);
    expect(result.violations).toEqual([]);
    expect(JSON.parse(result.body ?? "{}")).toMatchObject({
      full_name: "alice/shop",
      private: true,
      permissions: { push: true },
    });
  });

  it("rejects an unknown route loudly", async () => {
    const result = await call("GET", "/repos/alice/shop/branches");
    expect(result.status).toBe(404);
    expect(result.violations).toEqual(["unknown route: GET /repos/alice/shop/branches"]);
  });

  it("rejects a body that breaks the operation's schema", async () => {
    const result = await call("PUT", "/repos/alice/shop/actions/secrets/SERVER_HOST", {
      encrypted_value: "not base64!",
    });
    expect(result.status).toBe(400);
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatch(
      /^actions\/create-or-update-repo-secret: body: .*key_id.*encrypted_value.*pattern/,
    );
  });

  it("rejects fields, query parameters and bodies the operation does not define", async () => {
    const extraField = await call("POST", "/user/repos", { name: "x", privat: true });
    expect(extraField.violations).toEqual([
      "repos/create-for-authenticated-user: body has fields the operation does not define: privat",
    ]);
    const extraQuery = await call("GET", "/repos/alice/shop/actions/secrets?per_page=100&sort=name");
    expect(extraQuery.violations).toEqual(["actions/list-repo-secrets: unknown query parameter sort"]);
    const badQuery = await call("GET", "/repos/alice/shop/actions/secrets?per_page=many");
    expect(badQuery.violations[0]).toContain("query parameter per_page=many");
    const bodyOnGet = await rawRequest("GET", "/user", JSON.stringify({ unexpected: true }));
    expect(bodyOnGet).toBe(400);
    expect(standin.violations.splice(0)).toEqual([
      "users/get-authenticated: a body was sent to an operation that takes none",
    ]);
  });

  it("rejects a request without a User-Agent, as GitHub does", async () => {
    const response = await fetch(`${standin.apiUrl}/user`, {
      headers: { authorization: `token ${TOKEN}`, "user-agent": "" },
    });
    expect(response.status).toBe(400);
    expect(standin.violations.splice(0)).toEqual([
      "users/get-authenticated: no User-Agent header (GitHub rejects such requests)",
    ]);
  });

  it("catches a response of its own that would break the spec", async () => {
    standin.failNext("repos/create-for-authenticated-user", { status: 422, body: { errors: "not an array" } });
    const broken = await call("POST", "/user/repos", { name: "anything" });
    expect(broken.status).toBe(422);
    expect(broken.violations).toHaveLength(1);
    expect(broken.violations[0]).toMatch(
      /^repos\/create-for-authenticated-user answered 422: response breaks the spec: .*message.*/,
    );

    standin.failNext("repos/get", { status: 418 });
    const undocumented = await call("GET", "/repos/alice/shop");
    expect(undocumented.violations).toEqual(["repos/get answered 418, a status its description does not list"]);
  });

  it("allows the errors GitHub gives on any operation only with a basic-error body, and notes them", async () => {
    const before = standin.undocumented.length;
    const result = await call("GET", "/repos/alice/shop/actions/secrets/public-key", undefined, {
      authorization: "token wrong",
    });
    expect(result.status).toBe(401);
    expect(result.violations).toEqual([]);
    expect(JSON.parse(result.body ?? "{}")).toEqual({
      message: "Bad credentials",
      documentation_url: "https://docs.github.com/rest",
      status: "401",
    });
    expect(standin.undocumented.slice(before)).toEqual(["actions/get-repo-public-key 401"]);
  });
});
