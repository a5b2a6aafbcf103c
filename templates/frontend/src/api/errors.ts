/** Turns a failed API call into one sentence a person can act on. */

interface ValidationIssue {
  loc?: (string | number)[];
  msg?: string;
}

export const NETWORK_PROBLEM = "Could not reach the server. Check your connection and try again.";

const BY_STATUS: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "You are not allowed to do that.",
  404: "That no longer exists.",
  413: "That file is too large.",
  429: "Too many attempts. Wait a minute, then try again.",
};

export function describeProblem(status: number, body: unknown): string {
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  if (typeof detail === "string" && detail.trim() !== "") return detail;
  if (Array.isArray(detail) && detail.length > 0) {
    return (detail as ValidationIssue[]).map(describeIssue).join(" ");
  }
  if (status >= 500) return "The server had a problem. Try again in a moment.";
  return BY_STATUS[status] ?? `The request failed (${status}).`;
}

function describeIssue(issue: ValidationIssue): string {
  // FastAPI puts "body" (or "query") first; the field name is the last part.
  const field = issue.loc?.filter((part) => part !== "body" && part !== "query").at(-1);
  const message = issue.msg ?? "is invalid";
  return field === undefined ? `${message}.` : `${humanize(String(field))}: ${message}.`;
}

function humanize(field: string): string {
  const words = field.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
