import Link from "next/link";
import { site } from "@/lib/site";

/** The site's footer: who writes it and where to go next. */
export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="wrap site-footer__inner">
        <p>
          {site.name} · {site.tagline}. Written by {site.author.name}.
        </p>
        <nav aria-label="Footer">
          <ul>
            <li>
              <Link href="/blog">All writing</Link>
            </li>
            <li>
              <Link href="/topics">Topics</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
