import Link from "next/link";
import { SiteHeader } from "@/components/site-header";

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="page narrow">
        <h1>Page not found</h1>
        <p>There is nothing at this address. It may have been deleted, or the link is mistyped.</p>
        <p>
          <Link href="/">Go to the start page</Link>
        </p>
      </main>
    </>
  );
}
