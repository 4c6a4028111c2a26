import type { Metadata } from "next";
import { absoluteUrl, postAuthors, site } from "@/lib/config/site";
import { postHref, postSummary, termTitle, typographer, type Post, type Term, type TermKind, type Version } from "@/lib/content";

/** The site's feeds, named in every page's head as `<link rel="alternate">`. */
export const FEEDS = {
  rss: { path: "/feed.xml", type: "application/rss+xml", title: `${site.name} (RSS)` },
  atom: { path: "/atom.xml", type: "application/atom+xml", title: `${site.name} (Atom)` },
  json: { path: "/feed.json", type: "application/feed+json", title: `${site.name} (JSON Feed)` },
} as const;

/**
 * `alternates.types` for the feeds. A page's `alternates` replaces its layout's whole, so pageMetadata repeats
 * these beside each canonical URL; the root layout sets them for pages that have no metadata of their own.
 */
export const feedAlternates = Object.fromEntries(Object.values(FEEDS).map((feed) => [feed.type, [{ url: feed.path, title: feed.title }]]));

/** Social cards: PNGs drawn by the `social-card.png` routes, for Open Graph and Twitter. */
export const SOCIAL_CARD = { width: 1200, height: 630, type: "image/png" } as const;

/** Where a post's social card is served, or the site's default card without a slug. */
export function socialCardPath(slug?: string): string {
  return slug === undefined ? "/social-card.png" : `/blog/${slug}/social-card.png`;
}

function socialImages(path: string, alt: string) {
  return [{ url: absoluteUrl(path), width: SOCIAL_CARD.width, height: SOCIAL_CARD.height, type: SOCIAL_CARD.type, alt }];
}

/**
 * A post's own social image as an absolute URL, or undefined when it has none (its generated card is used then).
 * Hugo's `images` come first, then `cover` (the parser appends it to `images`); the first usable one wins. A
 * relative path in a leaf bundle names the bundle's file, served beside the post; elsewhere it is read from the
 * site's root, as Hugo's absURL reads it. Only http(s) URLs and site paths: `javascript:`, `data:` and any other
 * scheme are ignored.
 */
export function postImageUrl(post: Pick<Post, "images" | "bundle" | "path">): string | undefined {
  const beside = post.bundle ? absoluteUrl(postHref(post).replace(/\/?$/, "/")) : absoluteUrl("/");
  for (const image of post.images) {
    const written = image.trim();
    // A site path goes through absoluteUrl, which keeps SITE_URL's own path (URL resolution would drop it).
    const sitePath = written.startsWith("/") && !written.startsWith("//");
    const url = URL.parse(sitePath ? absoluteUrl(written) : written, beside);
    if (url && (url.protocol === "http:" || url.protocol === "https:")) return url.href;
  }
  return undefined;
}

/** A post's social image as an absolute URL: its own (postImageUrl), else its generated card. */
export function postSocialImageUrl(post: Post): string {
  return postImageUrl(post) ?? absoluteUrl(socialCardPath(post.slug));
}

/** What names a post for search engines: its own `keywords` when it has them (as Hugo themes do), else its terms. */
function postKeywords(post: Post): string[] {
  return post.keywords.length > 0 ? post.keywords : [...post.topics, ...post.tags];
}

/** `versions`: the page in each language of a multilingual site (itself included), named as `hreflang` links. */
type PageInput = { title?: string; description?: string; path: string; versions?: readonly Version[] };

/** Metadata for a list or index page: title, description, canonical URL, feeds, Open Graph and Twitter tags. */
export function pageMetadata({ title, description = site.description, path, versions = [] }: PageInput): Metadata {
  const url = absoluteUrl(path);
  const languages = versions.length > 0 ? { languages: Object.fromEntries(versions.map((v) => [v.lang, absoluteUrl(v.path)])) } : {};
  const images = socialImages(socialCardPath(), `${site.name}: ${site.tagline}`);
  return {
    ...(title ? { title } : {}),
    description,
    alternates: { canonical: url, types: feedAlternates, ...languages },
    openGraph: { type: "website", url, siteName: site.name, title: title ?? site.name, description, locale: site.locale, images },
    twitter: { card: "summary_large_image", title: title ?? site.name, description, images },
  };
}

/** Metadata for a topic or tag page; a topic's page also names its own RSS feed beside the site's. */
export function termMetadata(kind: TermKind, term: Term): Metadata {
  const name = termTitle(term.name);
  const description = `${term.count} ${term.count === 1 ? "essay" : "essays"} on ${name}.`;
  const metadata = pageMetadata({ title: `${site.terms[kind].one}: ${name}`, description, path: `/${kind}/${term.slug}` });
  if (kind !== "topics") return metadata;
  const feed = { url: `/topics/${term.slug}/feed.xml`, title: `${name} (RSS)` };
  const types = { ...feedAlternates, "application/rss+xml": [...(feedAlternates["application/rss+xml"] ?? []), feed] };
  return { ...metadata, alternates: { ...metadata.alternates, types } };
}

/**
 * Metadata for a post: as a page, described by its summary (postSummary), plus article times, keywords, topics, tags
 * and its social image (its own, else its generated card).
 */
export function postMetadata(post: Post, versions: readonly Version[] = []): Metadata {
  const title = typographer(post.title);
  const authors = postAuthors(post);
  const summary = postSummary(post);
  const base = pageMetadata({ title, description: summary ? typographer(summary) : undefined, path: postHref(post), versions });
  const own = postImageUrl(post);
  const images = own ? [{ url: own, alt: title }] : socialImages(socialCardPath(post.slug), title);
  return {
    ...base,
    authors: authors.map((name) => ({ name })),
    keywords: postKeywords(post),
    twitter: { ...base.twitter, images },
    openGraph: {
      ...base.openGraph,
      images,
      type: "article",
      publishedTime: post.date,
      modifiedTime: post.lastmod ?? post.date,
      authors,
      section: post.topics[0],
      tags: [...post.topics, ...post.tags],
    },
  };
}

/** JSON-LD BlogPosting for a post: the same summary, image and keywords as its metadata. */
export function postJsonLd(post: Post): Record<string, unknown> {
  const url = absoluteUrl(postHref(post));
  const summary = postSummary(post);
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: typographer(post.title),
    description: summary ? typographer(summary) : undefined,
    datePublished: post.date,
    dateModified: post.lastmod ?? post.date,
    author: postAuthors(post).map((name) => ({ "@type": "Person", name })),
    publisher: { "@type": "Organization", name: site.name, url: absoluteUrl("/") },
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    image: postSocialImageUrl(post),
    keywords: postKeywords(post).join(", ") || undefined,
    inLanguage: site.language,
  };
}
