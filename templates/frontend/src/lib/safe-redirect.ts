/**
 * Where to go after signing in. Only paths on this site are accepted: a `next` parameter such
 * as "//evil.example" or "https://evil.example" would otherwise turn sign-in into an open
 * redirect.
 */
export function safeRedirect(
  next: string | string[] | null | undefined,
  fallback = "/notes",
): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
