/**
 * A cheap first gate: pages for signed-in people send visitors without a session cookie to sign
 * in, remembering where they were going. The layout of those pages then asks the backend
 * whether the cookie is still valid.
 */
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/api/session-cookie";

export function proxy(request: NextRequest) {
  const signedIn = request.cookies.has(SESSION_COOKIE);
  const { pathname, search } = request.nextUrl;
  if (pathname === "/") {
    return signedIn ? NextResponse.redirect(new URL("/notes", request.url)) : NextResponse.next();
  }
  if (signedIn) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/", "/notes/:path*", "/account/:path*"],
};
