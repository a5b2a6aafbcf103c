/**
 * What the GitHub part has done so far and what is left, so that a failure at
 * any point can say both, and give the exact commands that finish the rest by
 * hand (run inside the app's directory).
 */
import type { Visibility } from "../options/types.js";
import type { GitHubEndpoints } from "./endpoints.js";
import { cloneUrl } from "./endpoints.js";
import type { SecretValue } from "./secret-values.js";

export const ENVIRONMENT = "production";

export interface TrackerPlan {
  endpoints: GitHubEndpoints;
  /** "" until the token's user is known. */
  owner: string;
  name: string;
  visibility: Visibility;
  secrets: readonly SecretValue[];
}

export class Tracker {
  /** owner/name as GitHub spells it, once the repository is found or created. */
  fullName: string | undefined;
  repository = false;
  /** `origin` points at the repository's https URL. */
  origin = false;
  pushed = false;
  environment = false;
  /** Secrets that are on the repository now (set by this run or before). */
  readonly secretsInPlace = new Set<string>();
  readonly done: string[] = [];
  readonly notes: string[] = [];

  constructor(
    private readonly plan: TrackerPlan,
    private readonly say: (line: string) => void,
  ) {}

  /** The owner once known (the token's user, when none was given). */
  setOwner(owner: string): void {
    this.plan.owner = owner;
  }

  did(line: string): void {
    this.done.push(line);
    this.say(line);
  }

  noted(line: string): void {
    this.notes.push(line);
    this.say(line);
  }

  private slug(): string {
    return this.fullName ?? `${this.plan.owner || "<your user>"}/${this.plan.name}`;
  }

  private gh(): string {
    return this.plan.endpoints.isDotCom ? "gh" : `GH_HOST=${this.plan.endpoints.host} gh`;
  }

  /** Secrets still missing on the repository, with or without a value. */
  private missingSecrets(): SecretValue[] {
    return this.plan.secrets.filter((s) => !this.secretsInPlace.has(s.name));
  }

  remaining(): string[] {
    const left: string[] = [];
    if (!this.repository) left.push(`create the ${this.plan.visibility} repository ${this.slug()}`);
    if (!this.pushed) left.push("push main");
    const secrets = this.missingSecrets().map((s) => s.name);
    if (secrets.length > 0) left.push(`set the Actions secrets ${secrets.join(", ")}`);
    if (!this.environment) left.push(`create the environment ${ENVIRONMENT}`);
    return left;
  }

  /** Commands that finish the remaining steps by hand, in the app's directory. */
  handCommands(): string[] {
    const gh = this.gh();
    const commands: string[] = [];
    if (!this.repository) {
      const target = this.plan.owner ? `${this.plan.owner}/${this.plan.name}` : this.plan.name;
      commands.push(`${gh} repo create ${target} --${this.plan.visibility} --source . --remote origin --push`);
    } else if (!this.pushed) {
      commands.push(`${gh} auth setup-git   # lets git push with your gh login`);
      if (!this.origin) commands.push(`git remote add origin ${cloneUrl(this.plan.endpoints, this.slug())}`);
      commands.push("git push --set-upstream origin main");
    }
    const repoFlag = this.fullName ? ` --repo ${this.fullName}` : "";
    for (const secret of this.missingSecrets())
      commands.push(`${gh} secret set ${secret.name}${repoFlag} ${secret.handInput}`);
    if (!this.environment) {
      // Inside the app's directory gh fills {owner}/{repo} from the origin remote.
      const repoPath = this.fullName ?? "{owner}/{repo}";
      commands.push(`${gh} api --method PUT repos/${repoPath}/environments/${ENVIRONMENT}`);
    }
    return commands;
  }

  /** The by-hand commands for secrets that had no value (after a successful run). */
  commandsFor(secrets: readonly SecretValue[]): string[] {
    const repoFlag = this.fullName ? ` --repo ${this.fullName}` : "";
    return secrets.map((s) => `${this.gh()} secret set ${s.name}${repoFlag} ${s.handInput}`);
  }
}
