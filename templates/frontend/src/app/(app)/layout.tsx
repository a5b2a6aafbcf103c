import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { SiteHeader } from "@/components/site-header";
import { requireUser } from "@/lib/session";

/** Pages for signed-in people: the backend confirms the session before anything renders. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SiteHeader>
        <nav aria-label="Main" className="site-nav">
          <Link href="/notes">Notes</Link>
          <Link href="/account" title={user.email}>
            Account
          </Link>
          <SignOutButton />
        </nav>
      </SiteHeader>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
