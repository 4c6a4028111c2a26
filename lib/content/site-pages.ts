import "server-only";
import { cache } from "react";
import type { Site } from "@/lib/config/hugo-site";
import { getIndex } from "./posts";
import { isPublic } from "./publish";
import { canonicalPath, listedPosts, resolvePath, taxonomyTerms, type RouteTarget } from "./routes";
import type { Post } from "./schema";
import type { Section } from "./sections";
import { routeKey } from "./urls";

/**
 * The readers behind a Hugo site's own pages (app/(site)/hugo): pages such as `about.md`, sections' lists and
 * taxonomies. Each resolves through the same route table as the proxy, so a page renders only what the proxy
 * would have sent it, public posts only.
 */

/** The site being served (Folio's own or a Hugo site), as the content index read it. */
export const getSite = cache(async (): Promise<Site> => (await getIndex()).site);

/** `rtl` for a post or page in a language the site writes right to left (Hugo's `languageDirection`). */
export async function getTextDirection(item: Post): Promise<"rtl" | undefined> {
  const site = await getSite();
  const lang = item.lang ?? site.defaultLanguage;
  return site.kind === "hugo" && site.rtlLanguages.includes(lang) ? "rtl" : undefined;
}

/** A public page (not a post) by its URL path, or null. */
export const getSitePage = cache(async (path: string): Promise<Post | null> => {
  const index = await getIndex();
  const key = routeKey(path);
  return index.pages.find((page) => routeKey(page.path) === key && isPublic(page)) ?? null;
});

/** The public pages a build prerenders: the top-level ones (about, contact). */
export async function getTopLevelPages(): Promise<Post[]> {
  return (await getIndex()).pages.filter((page) => isPublic(page) && page.path.split("/").filter(Boolean).length === 1);
}

export type Listing = { title: string; path: string; posts: Post[]; page: number; pages: number; pathOf: (page: number) => string };

function listing(site: Site, target: RouteTarget, title: string): Listing {
  const { posts, page, pages } = listedPosts(target, site.pagerSize);
  return { title, path: canonicalPath(target, site), posts, page, pages, pathOf: (n) => canonicalPath({ ...target, page: n } as RouteTarget, site) };
}

/** Page N of a section's list (`/post/`, `/post/page/2/`), or null when there is no such section or page. */
export const getSectionListing = cache(async (dir: string, page: number): Promise<(Listing & { section: Section }) | null> => {
  const index = await getIndex();
  const section = index.sections.find((s) => s.dir === dir);
  if (!section) return null;
  const path = page === 1 ? section.path : `${section.path.replace(/\/$/, "")}/page/${page}/`;
  const resolved = resolvePath(index, path);
  if (resolved.kind !== "render" || resolved.target.kind !== "section") return null;
  // Hugo titles a section without its own title after its folder, capitalised (`post` → "Post").
  const folder = dir.split("/").at(-1)!;
  const name = section.title ?? folder.charAt(0).toUpperCase() + folder.slice(1);
  return { ...listing(index.site, resolved.target, name), section };
});

/** Page N of a taxonomy term's list (`/categories/go/`, `/tags/go/page/2/`), or null. */
export const getTermListing = cache(async (plural: string, slug: string, page: number): Promise<(Listing & { name: string }) | null> => {
  const index = await getIndex();
  const resolved = resolvePath(index, `/${plural}/${slug}/${page === 1 ? "" : `page/${page}/`}`);
  if (resolved.kind !== "render" || resolved.target.kind !== "term") return null;
  const name = taxonomyTerms(index, plural).find((term) => term.slug === slug)?.name ?? slug;
  return { ...listing(index.site, resolved.target, name), name };
});

/** A taxonomy's terms (`/categories/`), or null when the site has no such taxonomy. */
export const getTaxonomy = cache(async (plural: string): Promise<{ plural: string; terms: { href: string; name: string; count: number }[] } | null> => {
  const index = await getIndex();
  if (index.site.kind !== "hugo" || !Object.values(index.site.taxonomies).includes(plural)) return null;
  const terms = taxonomyTerms(index, plural).map((term) => ({ href: `/${plural}/${term.slug}/`, name: term.name, count: term.count }));
  return { plural, terms };
});

/** The first page of each main section's list: what a build prerenders. */
export async function getSectionsToPrerender(): Promise<string[]> {
  const index = await getIndex();
  if (index.site.kind !== "hugo") return [];
  return index.sections.filter((s) => index.discovery.mainSections.includes(s.dir)).map((s) => s.dir);
}

/**
 * A Hugo site's own addresses for the sitemap, each with the posts it shows: its pages and translations, its main
 * sections' lists and its taxonomies' terms, at Hugo's URLs (Folio's /topics and /tags lists are the sitemap's own).
 */
export async function getSiteAddresses(): Promise<{ path: string; posts: Post[] }[]> {
  const index = await getIndex();
  const { site } = index;
  if (site.kind !== "hugo") return [];
  const now = Date.now();
  // Pages and translations each at their own URL (every language in one sitemap, as search engines accept).
  const pages = [...index.pages, ...index.translations].filter((page) => isPublic(page, now)).map((page) => ({ path: page.path, posts: [page] }));
  const sections = index.sections.flatMap((section) => {
    const resolved = resolvePath(index, section.path, now);
    return resolved.kind === "render" && resolved.target.kind === "section" ? [{ path: section.path, posts: resolved.target.posts }] : [];
  });
  const terms = Object.values(site.taxonomies).flatMap((plural) =>
    taxonomyTerms(index, plural, now).flatMap((term) => {
      const resolved = resolvePath(index, `/${plural}/${term.slug}/`, now);
      return resolved.kind === "render" && resolved.target.kind === "term" ? [{ path: resolved.canonical, posts: resolved.target.posts }] : [];
    }),
  );
  return [...pages, ...sections, ...terms];
}
