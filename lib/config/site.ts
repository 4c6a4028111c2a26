import { env } from "./env";
import { currentSite, type Site } from "./hugo-site";

const FOLIO = {
  name: "Folio",
  tagline: "Field notes on partnerships, strategy and sales",
  description:
    "Essays on winning partnerships, building strategy and selling to people who are busy: practical, specific and written from the table.",
  author: { name: "Morgan Hale", role: "Partnerships advisor" },
  nav: [
    { href: "/blog", label: "Writing" },
    { href: "/topics", label: "Topics" },
    { href: "/tags", label: "Tags" },
  ],
};

/** The Hugo site at CONTENT_DIR, when it is one whose configuration reads (else Folio's own words apply). */
function hugoSite(): Site | undefined {
  const read = currentSite(env().contentDir);
  return read.ok && read.site.kind === "hugo" ? read.site : undefined;
}

const plainText = (html: string) => html.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim();

/**
 * Site configuration: names, navigation and the call-to-action's words and link. On a Hugo site the title,
 * description, author and taxonomies come from its configuration (read once a second at most, see
 * lib/config/hugo-site.ts); Folio's own sample site keeps the values below.
 */
export const site = {
  get name(): string {
    return hugoSite()?.title ?? FOLIO.name;
  },
  get tagline(): string {
    const hugo = hugoSite();
    return hugo ? plainText(hugo.description ?? "") : FOLIO.tagline;
  },
  get description(): string {
    const hugo = hugoSite();
    return hugo?.description ? plainText(hugo.description) : FOLIO.description;
  },
  get author(): { name: string; role: string } {
    const hugo = hugoSite();
    return hugo ? { name: hugo.author ?? hugo.title ?? FOLIO.name, role: "" } : FOLIO.author;
  },
  language: "en",
  locale: "en_US",
  postsPerPage: 20,
  latestOnHome: 6,
  // Feeds carry the newest posts with full bodies (Hugo's rssLimit does the same); the sitemap lists them all.
  feedLimit: 50,
  // What each kind of term is called, one and many: page titles, headings and breadcrumbs.
  terms: {
    topics: { one: "Topic", many: "Topics" },
    tags: { one: "Tag", many: "Tags" },
  },
  // A Hugo site's taxonomies are its navigation beside the list of every post.
  get nav(): readonly { href: string; label: string }[] {
    const hugo = hugoSite();
    if (!hugo) return FOLIO.nav;
    const taxonomies = (hugo.disableKinds.includes("taxonomy") ? [] : Object.values(hugo.taxonomies)).map((plural) => ({ href: `/${plural}/`, label: plural.charAt(0).toUpperCase() + plural.slice(1) }));
    return [{ href: "/blog", label: "Writing" }, ...taxonomies];
  },
  cta: {
    heading: "Working on a partnership?",
    text: "Bring the deal you are preparing for. In thirty minutes we will find the ask, the objections and the next step.",
    label: "Book a call",
    href: "https://cal.example.com/morgan-hale/30min",
  },
} as const;

/** An absolute URL on this site, from SITE_URL: `absoluteUrl("/blog/x")` → `https://example.com/blog/x`. */
export function absoluteUrl(pathname: string): string {
  return `${env().siteUrl}${pathname.startsWith("/") ? pathname : `/${pathname}`}`;
}

/**
 * Who wrote a post: its byline, metadata, JSON-LD and feeds all ask here. The names its front matter gives (Hugo's
 * `author`/`authors`, once the schema reads them), else the site's author.
 */
export function postAuthors(post: object): string[] {
  const named = "authors" in post && Array.isArray(post.authors) ? post.authors.filter((name): name is string => typeof name === "string" && name.trim() !== "") : [];
  return named.length > 0 ? named : [site.author.name];
}
