import { site } from "@/lib/config/site";

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
              <a href="/blog">All writing</a>
            </li>
            <li>
              <a href="/topics">Topics</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
