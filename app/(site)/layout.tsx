import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site-footer";

type Props = { children: ReactNode; header: ReactNode };

/**
 * Every public page: the header, the page, the footer. The header is a parallel route (`@header`) because a layout
 * never learns which page it wraps, and the header must: to mark the current page in the navigation and to keep the
 * search in its box, with no script. `@header/default.tsx` serves every page that has no header page of its own.
 */
export default function SiteLayout({ children, header }: Props) {
  return (
    <>
      {header}
      <main id="main" className="wrap main">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
