import Link from "next/link";
import type { ReactNode } from "react";
import { SITE_NAME } from "@/lib/site";

export function SiteHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        {SITE_NAME}
      </Link>
      {children}
    </header>
  );
}
