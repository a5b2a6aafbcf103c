/** What the user chose, before anything is derived from it. */

export const EMAIL_PROVIDERS = ["console", "smtp", "postmark", "ses"] as const;
export type EmailProvider = (typeof EMAIL_PROVIDERS)[number];

export const VISIBILITIES = ["private", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const PRESETS = ["full", "api", "minimal"] as const;
export type Preset = (typeof PRESETS)[number];
/** Without --preset. */
export const DEFAULT_PRESET: Preset = "full";

export interface Features {
  frontend: boolean;
  worker: boolean;
  storage: boolean;
}

export interface GitHubOptions {
  enabled: boolean;
  /** User or organisation; empty means the token's own user. */
  owner: string;
  visibility: Visibility;
  /** Values for the Actions secrets; empty ones are listed as "to set by hand". */
  serverHost: string;
  serverUser: string;
  /** Path of the private key the deploy workflow uses to reach the server. */
  sshKeyFile: string;
  /** The server's SSH host key, pinned by the workflows (secret SERVER_HOST_KEY). */
  serverHostKey: string;
  previewDomain: string;
}

export interface AppOptions {
  /** The target directory exactly as given (relative to cwd, absolute, or "."). */
  directory: string;
  name: string;
  domain: string;
  /** Empty means the app is served on the base domain itself. */
  subdomain: string;
  features: Features;
  email: EmailProvider;
  git: boolean;
  github: GitHubOptions;
}

/** Flags that change how the command runs rather than what it generates. */
export interface RunMode {
  yes: boolean;
  dryRun: boolean;
  json: boolean;
  help: boolean;
  version: boolean;
}
