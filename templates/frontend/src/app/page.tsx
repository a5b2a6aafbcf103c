import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { SITE_NAME } from "@/lib/site";

// Signed-in visitors never see this page: the proxy sends them on to their notes.
export default function HomePage() {
  return (
    <>
      <SiteHeader>
        <nav aria-label="Account" className="site-nav">
          <Link href="/sign-in">Sign in</Link>
        </nav>
      </SiteHeader>
      <main id="main" className="page narrow">
        <h1>{SITE_NAME}</h1>
        <p className="lead">Write notes, keep them private, find them from any device.</p>
        <p className="actions">
          <Link href="/sign-up" className="button primary">
            Create an account
          </Link>
          <Link href="/sign-in" className="button">
            Sign in
          </Link>
        </p>
      </main>
    </>
  );
}
