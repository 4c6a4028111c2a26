import { site } from "@/lib/config/site";
import { SearchForm } from "./search-form";

/** The site's header: its name, the main navigation and the search form (a plain GET form, no script). */
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="wrap site-header__inner">
        <a href="/" className="site-header__name">
          {site.name}
        </a>
        <nav aria-label="Main" className="site-header__nav">
          <ul>
            {site.nav.map((item) => (
              <li key={item.href}>
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <SearchForm id="site-search" label="Site" />
      </div>
    </header>
  );
}
