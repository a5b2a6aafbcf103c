/**
 * The client for server components: it calls the backend over the internal network and
 * forwards the visitor's session cookie, so the backend sees the same user as the browser.
 */
import { cookies } from "next/headers";
import createClient from "openapi-fetch";
import { backendUrl } from "./backend-url";
import type { paths } from "./schema";
import { SESSION_COOKIE } from "./session-cookie";

export async function serverApi() {
  const session = (await cookies()).get(SESSION_COOKIE);
  return createClient<paths>({
    baseUrl: backendUrl(),
    headers: session ? { cookie: `${SESSION_COOKIE}=${session.value}` } : {},
    cache: "no-store",
  });
}
