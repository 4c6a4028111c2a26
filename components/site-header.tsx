import { site } from "@/lib/config/site";
import { SearchForm } from "./search-form";

type Props = {
  /** The path of the page being shown, when it is one the header links to: that link is marked as the current page. */
  current?: string;
  /** The search being shown, so the header's box keeps it on the results page. */
  query?: string;
};

/** The site's header: its name, the main navigation and the search form (a plain GET form, no script). */
export function SiteHeader({ current, query }: Props) {
  return (
    <header className="site-header">
      <div className="wrap site-header__inner">
        <a href="/" className="site-header__name" aria-current={current === "/" ? "page" : undefined}>
          {site.name}
        </a>
        <nav aria-label="Main" className="site-header__nav">
          <ul>
            {site.nav.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={item.href === current ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SearchForm id="site-search" label="Site" query={query} />
      </div>
    </header>
  );
}
