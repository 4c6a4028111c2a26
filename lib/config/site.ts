import { env } from "./env";

/** Site configuration: names, navigation and the call-to-action's words and link. */
export const site = {
  name: "Folio",
  tagline: "Field notes on partnerships, strategy and sales",
  description:
    "Essays on winning partnerships, building strategy and selling to people who are busy: practical, specific and written from the table.",
  author: { name: "Morgan Hale", role: "Partnerships advisor" },
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
  nav: [
    { href: "/blog", label: "Writing" },
    { href: "/topics", label: "Topics" },
    { href: "/tags", label: "Tags" },
  ],
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
