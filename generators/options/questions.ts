/**
 * The questions `create` asks, in order. Each one is also a flag, so the same
 * table drives argument parsing, prompts, --help and the one-shot command.
 */
import type { AnswerKey, Answers } from "./answers.js";
import { PRESET_FEATURES } from "./answers.js";
import { VISIBILITIES, type Preset } from "./types.js";
import {
  validateDomain,
  validateGitHubOwner,
  validateHost,
  validateHostKey,
  validateName,
  validateSubdomain,
  validateUnixUser,
} from "./validate.js";

type KeysOfType<T> = { [K in AnswerKey]: Answers[K] extends T ? K : never }[AnswerKey];

interface QuestionBase<K extends AnswerKey> {
  key: K;
  /** Long flag without the leading dashes. */
  flag: string;
  /** One line for --help. */
  help: string;
  prompt: string;
  /** Only asked (and only accepted as a flag) when this holds. */
  when?: (a: Partial<Answers>) => boolean;
  default: (a: Partial<Answers>, preset: Preset) => Answers[K];
  /** Without a terminal it must be given, unless --yes accepts the default. */
  required?: boolean;
}

export interface TextQuestion extends QuestionBase<KeysOfType<string>> {
  kind: "text";
  placeholder: string;
  validate: (value: string) => string | undefined;
}

export interface BooleanQuestion extends QuestionBase<KeysOfType<boolean>> {
  kind: "boolean";
}

export interface ChoiceQuestion extends QuestionBase<"email" | "githubVisibility"> {
  kind: "choice";
  choices: readonly { value: string; label: string }[];
  /** Other spellings accepted on the command line. */
  aliases?: Readonly<Record<string, string>>;
}

export type Question = TextQuestion | BooleanQuestion | ChoiceQuestion;

const whenGitHub = (a: Partial<Answers>): boolean => a.github === true;

export const QUESTIONS: readonly Question[] = [
  {
    kind: "text",
    key: "name",
    flag: "name",
    placeholder: "<name>",
    help: "App name: directory, Compose project, database and bucket names (default: the directory's name)",
    prompt: "App name",
    default: () => "my-app",
    required: true,
    validate: validateName,
  },
  {
    kind: "text",
    key: "domain",
    flag: "domain",
    placeholder: "<domain>",
    help: 'Base domain the server answers for, e.g. example.com ("localhost" to try locally)',
    prompt: "Base domain",
    default: () => "localhost",
    required: true,
    validate: validateDomain,
  },
  {
    kind: "text",
    key: "subdomain",
    flag: "subdomain",
    placeholder: "<label>",
    help: 'Subdomain of the app; APP_DOMAIN is <subdomain>.<domain> ("" for the domain itself; default: the app name)',
    prompt: "Subdomain (empty for the base domain itself)",
    default: (a) => a.name ?? "my-app",
    validate: validateSubdomain,
  },
  {
    kind: "boolean",
    key: "frontend",
    flag: "frontend",
    help: "Next.js + TypeScript frontend",
    prompt: "Include a Next.js frontend?",
    default: (_a, preset) => PRESET_FEATURES[preset].frontend,
  },
  {
    kind: "boolean",
    key: "worker",
    flag: "worker",
    help: "Celery worker and beat for background and periodic tasks",
    prompt: "Include a Celery worker?",
    default: (_a, preset) => PRESET_FEATURES[preset].worker,
  },
  {
    kind: "boolean",
    key: "storage",
    flag: "storage",
    help: "S3-compatible object storage with presigned uploads",
    prompt: "Include object storage (file uploads)?",
    default: (_a, preset) => PRESET_FEATURES[preset].storage,
  },
  {
    kind: "choice",
    key: "email",
    flag: "email",
    help: "Email provider: console (logs only), smtp, postmark or ses",
    prompt: "Email provider",
    choices: [
      { value: "console", label: "none: print emails to the logs" },
      { value: "smtp", label: "SMTP" },
      { value: "postmark", label: "Postmark" },
      { value: "ses", label: "Amazon SES" },
    ],
    aliases: { none: "console" },
    default: () => "console",
  },
  {
    kind: "boolean",
    key: "git",
    flag: "git",
    help: "Initialise a git repository with a first commit",
    prompt: "Initialise a git repository?",
    default: () => true,
  },
  {
    kind: "boolean",
    key: "github",
    flag: "github",
    help: "Create the GitHub repository, push, and set the Actions secrets",
    prompt: "Create a GitHub repository and push to it?",
    when: (a) => a.git !== false,
    default: () => false,
  },
  {
    kind: "text",
    key: "githubOwner",
    flag: "github-owner",
    placeholder: "<owner>",
    help: "GitHub user or organisation (default: the token's user)",
    prompt: "GitHub owner (empty for your own account)",
    when: whenGitHub,
    default: () => "",
    validate: validateGitHubOwner,
  },
  {
    kind: "choice",
    key: "githubVisibility",
    flag: "github-visibility",
    help: "Repository visibility: private or public",
    prompt: "Repository visibility",
    when: whenGitHub,
    choices: VISIBILITIES.map((v) => ({ value: v, label: v })),
    default: () => "private",
  },
  {
    kind: "text",
    key: "serverHost",
    flag: "server-host",
    placeholder: "<host>",
    help: "Server the deploy workflow reaches over SSH (secret SERVER_HOST)",
    prompt: "Server host name or IP (empty to set later)",
    when: whenGitHub,
    default: () => "",
    validate: validateHost,
  },
  {
    kind: "text",
    key: "serverUser",
    flag: "server-user",
    placeholder: "<user>",
    help: "SSH user on the server (secret SERVER_USER)",
    prompt: "SSH user on the server",
    when: whenGitHub,
    default: () => "deploy",
    validate: validateUnixUser,
  },
  {
    kind: "text",
    key: "sshKeyFile",
    flag: "ssh-key",
    placeholder: "<file>",
    help: "Private key file for the deploy user (secret SERVER_SSH_KEY; never printed)",
    prompt: "Deploy private key file (empty to set later)",
    when: whenGitHub,
    default: () => "",
    validate: () => undefined,
  },
  {
    kind: "text",
    key: "serverHostKey",
    flag: "server-host-key",
    placeholder: "<key>",
    help: 'The server\'s SSH host key, "ssh-ed25519 AAAA…" (secret SERVER_HOST_KEY; the workflows trust no other)',
    prompt: "Server SSH host key, from cat /etc/ssh/ssh_host_ed25519_key.pub (empty to set later)",
    when: whenGitHub,
    default: () => "",
    validate: validateHostKey,
  },
  {
    kind: "text",
    key: "previewDomain",
    flag: "preview-domain",
    placeholder: "<domain>",
    help: "Domain for pull-request previews, pr-<n>.<domain> (secret PREVIEW_DOMAIN)",
    prompt: "Preview domain (empty for no previews)",
    when: whenGitHub,
    default: () => "",
    validate: (v) => (v === "" ? undefined : validateDomain(v)?.replace(/^Domain/, "Preview domain")),
  },
];
