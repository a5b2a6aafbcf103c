/**
 * The client for code running in the browser. Every call goes to the page's own origin under
 * /api (Caddy routes it to the backend); the session travels in the backend's httpOnly cookie,
 * which scripts can neither read nor need to.
 */
import createClient from "openapi-fetch";
import type { paths } from "./schema";

export const api = createClient<paths>({
  // Server rendering of client components evaluates this module too; it never calls out there.
  baseUrl: typeof window === "undefined" ? "" : window.location.origin,
  credentials: "same-origin",
  // Looked up on each call rather than captured once, so tests can substitute fetch.
  fetch: (request) => globalThis.fetch(request),
});
