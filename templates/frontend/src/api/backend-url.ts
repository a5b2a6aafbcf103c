/**
 * Where the Next server reaches the backend: its address on the internal network (for example
 * http://app:8000 in Compose). Never localhost: inside the frontend container that is the
 * frontend itself.
 */
export function backendUrl(env: Record<string, string | undefined> = process.env): string {
  const value = env.BACKEND_INTERNAL_URL;
  if (!value) {
    throw new Error(
      "BACKEND_INTERNAL_URL is not set; give the backend's internal address, e.g. http://app:8000",
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`BACKEND_INTERNAL_URL is not a URL: "${value}"; expected e.g. http://app:8000`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`BACKEND_INTERNAL_URL must start with http:// or https://, got "${value}"`);
  }
  return url.origin;
}
