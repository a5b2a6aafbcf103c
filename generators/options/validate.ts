/**
 * Value rules. Each validator returns undefined when the value is fine, or a
 * message that says which rule failed and what to type instead.
 */

/** Names the platform already uses for its own services, users or folders. */
export const RESERVED_NAMES = [
  "postgres",
  "redis",
  "caddy",
  "minio",
  "platform",
  "towlion",
  "garage",
  "versitygw",
  "loki",
  "grafana",
  "alloy",
  "deploy",
  "backups",
] as const;

/**
 * `<name>_user` must fit PostgreSQL's 63-byte identifiers and
 * `<name>-pr-<n>-uploads` an S3 bucket name (63), with room for preview numbers.
 */
export const MAX_NAME_LENGTH = 40;

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Best-effort valid name derived from anything the user typed. */
export function suggestName(input: string): string {
  let slug = input
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
  if (slug.length > MAX_NAME_LENGTH) slug = slug.slice(0, MAX_NAME_LENGTH).replace(/-+$/, "");
  if (slug === "") return "my-app";
  if ((RESERVED_NAMES as readonly string[]).includes(slug)) return `${slug}-app`;
  return slug;
}

export function validateName(name: string): string | undefined {
  const rule = nameRuleBroken(name);
  if (!rule) return undefined;
  const hint = suggestName(name);
  const suggestion = hint !== name && nameRuleBroken(hint) === undefined ? ` Try "${hint}".` : "";
  return `App name "${name}" ${rule}.${suggestion}`;
}

function nameRuleBroken(name: string): string | undefined {
  if (name === "") return "is empty";
  if (name.length > MAX_NAME_LENGTH)
    return `is ${name.length} characters long; the limit is ${MAX_NAME_LENGTH} (it becomes database, role and bucket names)`;
  if (!/^[a-z0-9-]+$/.test(name)) return "may only contain lowercase letters, digits and hyphens";
  if (!/^[a-z]/.test(name)) return "must start with a letter";
  if (name.endsWith("-")) return "must not end with a hyphen";
  if (name.includes("--")) return "must not contain two hyphens in a row";
  if ((RESERVED_NAMES as readonly string[]).includes(name))
    return `is the name of a platform service (${RESERVED_NAMES.join(", ")} are reserved)`;
  return undefined;
}

export function validateDomain(domain: string): string | undefined {
  const quoted = `Domain "${domain}"`;
  if (domain === "") return `${quoted} is empty. Try "example.com", or "localhost" to try things out.`;
  const bare = domain
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/:].*$/, "")
    .replace(/\.$/, "");
  const tryBare = bare !== domain && bare !== "" ? ` Try "${bare}".` : "";
  if (/^[a-z]+:\/\//i.test(domain)) return `${quoted} must be a host name, not a URL.${tryBare}`;
  if (/[/:]/.test(domain)) return `${quoted} must be a host name without a port or path.${tryBare}`;
  if (domain !== domain.toLowerCase()) return `${quoted} must be lowercase.${tryBare}`;
  if (domain.endsWith(".")) return `${quoted} must not end with a dot.${tryBare}`;
  if (domain.length > 253) return `${quoted} is longer than 253 characters.`;
  for (const label of domain.split(".")) {
    const broken = labelRuleBroken(label);
    if (broken) return `${quoted} has an invalid label "${label}": ${broken}.`;
  }
  return undefined;
}

export function validateSubdomain(subdomain: string): string | undefined {
  if (subdomain === "") return undefined; // the base domain itself
  if (subdomain.includes("."))
    return `Subdomain "${subdomain}" must be a single label without dots; put the rest in --domain.`;
  const broken = labelRuleBroken(subdomain);
  if (!broken) return undefined;
  return `Subdomain "${subdomain}" is not a valid DNS label: ${broken}. Try "${suggestName(subdomain)}".`;
}

function labelRuleBroken(label: string): string | undefined {
  if (label === "") return "labels must not be empty (two dots in a row?)";
  if (label.length > 63) return "a DNS label is at most 63 characters";
  if (!/^[a-z0-9-]+$/.test(label)) return "use lowercase letters, digits and hyphens only";
  if (!LABEL.test(label)) return "a DNS label must not start or end with a hyphen";
  return undefined;
}

export function validateGitHubOwner(owner: string): string | undefined {
  if (owner === "") return undefined; // the token's own user
  if (owner.length > 39 || !/^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/.test(owner))
    return `GitHub owner "${owner}" is not a valid user or organisation name: letters, digits and single hyphens, at most 39 characters.`;
  return undefined;
}

export function validateHost(host: string): string | undefined {
  if (host === "") return undefined;
  if (/^[0-9.]+$/.test(host) || /^[0-9a-f:]+$/i.test(host)) return undefined; // an IP address
  const domainError = validateDomain(host);
  return domainError ? domainError.replace(/^Domain/, "Server host") : undefined;
}

/** A known_hosts line, or just "<type> <base64 key>" as in /etc/ssh/ssh_host_ed25519_key.pub. */
export function validateHostKey(key: string): string | undefined {
  if (key === "") return undefined;
  if (/^(\S+ )?(ssh-[a-z0-9-]+|ecdsa-sha2-nistp\d+|sk-\S+) [A-Za-z0-9+/]+={0,2}( .*)?$/.test(key.trim())) return undefined;
  return 'Server host key is not an SSH public key line. On the server, run: cat /etc/ssh/ssh_host_ed25519_key.pub (it starts with "ssh-ed25519 AAAA").';
}

export function validateUnixUser(user: string): string | undefined {
  if (/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) return undefined;
  return `Server user "${user}" is not a valid Unix user name. Try "deploy".`;
}
