/**
 * The generated GitHub Actions workflows of every preset: actionlint (with
 * shellcheck on every run: block), GitHub's own parser, actions pinned to
 * commit SHAs, least-privilege permissions, a concurrency group, and no
 * secret or untrusted expression pasted into a shell script.
 */
import fs from "node:fs";
import path from "node:path";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { PresetName } from "../support/generate.js";
import { generatePresetApps, PRESETS, runTool, tool } from "./infra-files-apps.js";

let apps: Map<PresetName, string>;

beforeAll(() => {
  apps = generatePresetApps("workflows");
});

function workflowFiles(preset: PresetName): string[] {
  const dir = path.join(apps.get(preset) as string, ".github", "workflows");
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".yml"))
    .map((name) => path.join(dir, name));
}

type Mapping = Record<string, unknown>;

function readWorkflow(file: string): Mapping {
  return parseYaml(fs.readFileSync(file, "utf8")) as Mapping;
}

function jobsOf(workflow: Mapping): [string, Mapping][] {
  return Object.entries(workflow.jobs as Record<string, Mapping>);
}

describe.each(PRESETS)("the workflows of the %s preset", (preset) => {
  it("are ci, deploy, images and preview, plus frontend with the frontend", () => {
    const names = workflowFiles(preset).map((f) => path.basename(f));
    const frontend = fs.existsSync(path.join(apps.get(preset) as string, "frontend"));
    expect(names.sort()).toEqual(["ci.yml", "deploy.yml", ...(frontend ? ["frontend.yml"] : []), "images.yml", "preview.yml"]);
  });

  it("pass actionlint, which also runs shellcheck on every run: script", () => {
    const app = apps.get(preset) as string;
    const files = workflowFiles(preset).map((f) => path.relative(app, f));
    const result = runTool(tool("actionlint"), ["-shellcheck", tool("shellcheck"), ...files], { cwd: app });
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("are accepted by GitHub's workflow parser without an error", async () => {
    for (const file of workflowFiles(preset)) {
      const parsed = parseWorkflow({ name: path.basename(file), content: fs.readFileSync(file, "utf8") }, new NoOperationTraceWriter());
      const errors = parsed.context.errors.getErrors().map((e) => e.message);
      expect(errors, file).toEqual([]);
      const template = await convertWorkflowTemplate(parsed.context, parsed.value as NonNullable<typeof parsed.value>);
      expect((template.errors ?? []).map((e) => e.Message), file).toEqual([]);
      expect(template.jobs.length, file).toBeGreaterThan(0);
    }
  });

  it("pin every action to a full commit SHA with its version in a comment", () => {
    let actions = 0;
    for (const file of workflowFiles(preset)) {
      for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        const use = /^\s*(?:-\s+)?uses:\s*(\S+)\s*(.*)$/.exec(line);
        if (!use) continue;
        const [, reference, comment] = use as unknown as [string, string, string];
        if (reference.startsWith("./")) continue; // a workflow of this repository
        actions += 1;
        expect(reference, `${file}: ${line}`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
        expect(comment, `${file}: ${line}`).toMatch(/^# v\d+\.\d+\.\d+$/);
      }
    }
    expect(actions).toBeGreaterThan(0);
  });

  it("declare least-privilege permissions and a concurrency group", () => {
    for (const file of workflowFiles(preset)) {
      const workflow = readWorkflow(file);
      expect(workflow.permissions, file).toBeDefined();
      // Nothing gets write access to everything; the top level grants reading the code at most.
      expect(workflow.permissions, file).not.toBe("write-all");
      for (const level of Object.values((workflow.permissions ?? {}) as Mapping)) expect(level, file).toBe("read");
      expect((workflow.concurrency as Mapping | undefined)?.group, file).toBeTruthy();
      for (const [id, job] of jobsOf(workflow)) {
        if (job.permissions === undefined) continue;
        expect(job.permissions, `${file} ${id}`).not.toBe("write-all");
      }
    }
  });

  it("never paste a secret or an untrusted value into a shell script (they go through env:)", () => {
    for (const file of workflowFiles(preset)) {
      for (const [id, job] of jobsOf(readWorkflow(file))) {
        for (const step of (job.steps ?? []) as Mapping[]) {
          const script = typeof step.run === "string" ? step.run : "";
          expect(script, `${file} ${id}`).not.toMatch(/\$\{\{\s*(secrets\.|inputs\.|github\.event\.|github\.head_ref)/);
        }
      }
    }
  });

  it("hand the deploy key only to the jobs that talk to the server", () => {
    for (const file of workflowFiles(preset)) {
      const workflow = readWorkflow(file);
      expect(JSON.stringify(workflow.env ?? {}), file).not.toContain("secrets.");
      for (const [id, job] of jobsOf(workflow)) {
        const usesKey = JSON.stringify(job.env ?? {}).includes("secrets.SERVER_SSH_KEY");
        const talksToServer = JSON.stringify(job.steps ?? []).includes("scripts/server.sh");
        expect(usesKey, `${file} ${id}`).toBe(talksToServer);
      }
    }
  });

  it("give write access to packages only where images are pushed, and deployments only where they are recorded", () => {
    for (const file of workflowFiles(preset)) {
      for (const [id, job] of jobsOf(readWorkflow(file))) {
        const permissions = (job.permissions ?? {}) as Mapping;
        const steps = JSON.stringify(job.steps ?? []);
        if (permissions.packages === "write") expect(job.uses ?? steps, `${file} ${id}`).toMatch(/images\.yml|buildx build/);
        if (permissions.deployments === "write") expect(steps, `${file} ${id}`).toMatch(/\/deployments/);
      }
    }
  });
});

describe("the deploy workflow", () => {
  it("deploys through the server's entry point with a pinned host key and a token on stdin", () => {
    const deploy = readWorkflow(path.join(apps.get("full") as string, ".github", "workflows", "deploy.yml"));
    const job = (deploy.jobs as Record<string, Mapping>).deploy as Mapping;
    const env = job.env as Mapping;
    expect(env.SERVER_HOST_KEY).toBe("${{ secrets.SERVER_HOST_KEY }}");
    const script = JSON.stringify(job.steps);
    expect(script).toContain("scripts/server.sh deploy");
    expect(script).toContain("scripts/server.sh rollback");
    expect(script).toContain('<<<\\"$REGISTRY_TOKEN\\"');
    const on = deploy.on as Mapping;
    expect(Object.keys(on).sort()).toEqual(["push", "workflow_dispatch"]);
    expect(((on.workflow_dispatch as Mapping).inputs as Mapping).rollback).toBeDefined();
  });

  it("previews run only for pull requests from this repository", () => {
    const preview = readWorkflow(path.join(apps.get("full") as string, ".github", "workflows", "preview.yml"));
    const jobs = preview.jobs as Record<string, Mapping>;
    for (const id of ["settings", "teardown"]) {
      expect(String(jobs[id]?.if)).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    }
    expect(jobs.images?.needs).toBe("settings");
    expect(String(jobs.sweep?.if)).toContain("schedule");
  });
});
