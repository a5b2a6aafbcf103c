/**
 * Setting the Actions secrets: each value is sealed here against the
 * repository's public key and only the names are ever printed. A secret that
 * already exists is left alone (a re-run repeats nothing) unless asked to
 * overwrite it.
 */
import type { GitHubApi, Repository } from "./api.js";
import { sealForGitHub } from "./sealed-box.js";
import type { SecretValue } from "./secret-values.js";

export interface SecretsOutcome {
  /** Set by this run. */
  set: string[];
  /** Already on the repository, left as they are. */
  kept: string[];
  /** No value given and not on the repository: the user sets them by hand. */
  byHand: SecretValue[];
}

export async function setActionsSecrets(
  api: GitHubApi,
  repo: Repository,
  secrets: readonly SecretValue[],
  options: { overwrite: boolean; onSet: (name: string) => void },
): Promise<SecretsOutcome> {
  const existing = await api.secretNames(repo);
  const outcome: SecretsOutcome = { set: [], kept: [], byHand: [] };
  const toSet: { name: string; value: string }[] = [];
  for (const secret of secrets) {
    if (existing.has(secret.name) && (secret.value === undefined || !options.overwrite)) outcome.kept.push(secret.name);
    else if (secret.value === undefined) outcome.byHand.push(secret);
    else toSet.push({ name: secret.name, value: secret.value });
  }
  if (toSet.length === 0) return outcome;
  const key = await api.publicKey(repo);
  for (const { name, value } of toSet) {
    await api.putSecret(repo, name, sealForGitHub(value, key.key), key.keyId);
    outcome.set.push(name);
    options.onSet(name);
  }
  return outcome;
}
