import type { AppConfig } from "../app/config.js";

/** The values behind the Actions secrets, as the user gave them (empty = not given). */
export interface SecretInputs {
  serverHost: string;
  serverUser: string;
  /** Path of the deploy user's private key; its content becomes SERVER_SSH_KEY. */
  sshKeyFile: string;
  /** The server's SSH host key line, pinned by the workflows. */
  serverHostKey: string;
  appDomain: string;
  /** Optional: without it there are no pull-request previews and no PREVIEW_DOMAIN secret. */
  previewDomain: string;
}

/** One Actions secret the generated workflows read (see CONTRACT.md), and what feeds it. */
interface SecretSource {
  name: string;
  input: keyof SecretInputs;
  /** Shown where the value is missing in a command to run by hand. */
  placeholder: string;
}

export const SECRET_SOURCES: readonly SecretSource[] = [
  { name: "SERVER_HOST", input: "serverHost", placeholder: "<server host name or IP>" },
  { name: "SERVER_USER", input: "serverUser", placeholder: "<ssh user on the server>" },
  { name: "SERVER_SSH_KEY", input: "sshKeyFile", placeholder: "<deploy private key file>" },
  {
    name: "SERVER_HOST_KEY",
    input: "serverHostKey",
    placeholder: "<the server's cat /etc/ssh/ssh_host_ed25519_key.pub>",
  },
  { name: "APP_DOMAIN", input: "appDomain", placeholder: "<app domain>" },
  { name: "PREVIEW_DOMAIN", input: "previewDomain", placeholder: "<preview domain>" },
];

/** PREVIEW_DOMAIN only exists when previews were asked for; every other secret always does. */
export function wantedSecrets(inputs: SecretInputs): SecretSource[] {
  return SECRET_SOURCES.filter((s) => s.name !== "PREVIEW_DOMAIN" || inputs.previewDomain !== "");
}

export function secretInputsOf(config: AppConfig): SecretInputs {
  const { serverHost, serverUser, sshKeyFile, serverHostKey, previewDomain } = config.github;
  return { serverHost, serverUser, sshKeyFile, serverHostKey, appDomain: config.appDomain, previewDomain };
}

/** The Actions secrets the generated workflows read (see CONTRACT.md). */
export function actionsSecretNames(config: AppConfig): string[] {
  return wantedSecrets(secretInputsOf(config)).map((s) => s.name);
}

/** The secrets that have no value yet and are left for the user to set by hand. */
export function secretsWithoutValue(config: AppConfig): string[] {
  const inputs = secretInputsOf(config);
  return wantedSecrets(inputs)
    .filter((s) => inputs[s.input] === "")
    .map((s) => s.name);
}
