/** Everything a template may refer to: the answers plus the names derived from them. */
import type { AppOptions, EmailProvider, Features, GitHubOptions } from "../options/types.js";

export interface AppConfig {
  /** App name as typed: lowercase, digits, hyphens. */
  name: string;
  /** Human title for READMEs and page headers, e.g. "My App". */
  title: string;
  domain: string;
  subdomain: string;
  /** <subdomain>.<domain>, the APP_DOMAIN of the contract. */
  appDomain: string;
  features: Features;
  email: EmailProvider;
  git: boolean;
  github: GitHubOptions;
  /** Contract names: hyphens become underscores for PostgreSQL. */
  dbName: string;
  dbUser: string;
  bucket: string;
  /** Redis keys, Celery queues and the platform's Redis ACL all use this prefix. */
  redisPrefix: string;
  generatorVersion: string;
}

export function toAppConfig(options: AppOptions, generatorVersion: string): AppConfig {
  const snake = options.name.replace(/-/g, "_");
  return {
    name: options.name,
    title: options.name
      .split("-")
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(" "),
    domain: options.domain,
    subdomain: options.subdomain,
    appDomain: options.subdomain === "" ? options.domain : `${options.subdomain}.${options.domain}`,
    features: { ...options.features },
    email: options.email,
    git: options.git,
    github: { ...options.github },
    dbName: `${snake}_db`,
    dbUser: `${snake}_user`,
    bucket: `${options.name}-uploads`,
    redisPrefix: `${options.name}:`,
    generatorVersion,
  };
}
