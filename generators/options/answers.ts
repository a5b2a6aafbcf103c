import type { AppOptions, EmailProvider, Preset, Visibility } from "./types.js";

/** One flat record per question; every key has exactly one flag and one prompt. */
export interface Answers {
  name: string;
  domain: string;
  subdomain: string;
  frontend: boolean;
  worker: boolean;
  storage: boolean;
  email: EmailProvider;
  git: boolean;
  github: boolean;
  githubOwner: string;
  githubVisibility: Visibility;
  serverHost: string;
  serverUser: string;
  sshKeyFile: string;
  serverHostKey: string;
  previewDomain: string;
}

export type AnswerKey = keyof Answers;

/** What a preset turns on; explicit feature flags still win. */
export const PRESET_FEATURES: Record<Preset, Pick<Answers, "frontend" | "worker" | "storage">> = {
  full: { frontend: true, worker: true, storage: true },
  api: { frontend: false, worker: true, storage: true },
  minimal: { frontend: false, worker: false, storage: false },
};

export function toAppOptions(directory: string, a: Answers): AppOptions {
  return {
    directory,
    name: a.name,
    domain: a.domain,
    subdomain: a.subdomain,
    features: { frontend: a.frontend, worker: a.worker, storage: a.storage },
    email: a.email,
    git: a.git,
    github: {
      enabled: a.github,
      owner: a.githubOwner,
      visibility: a.githubVisibility,
      serverHost: a.serverHost,
      serverUser: a.serverUser,
      sshKeyFile: a.sshKeyFile,
      serverHostKey: a.serverHostKey,
      previewDomain: a.previewDomain,
    },
  };
}
