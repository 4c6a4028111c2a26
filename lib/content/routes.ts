import type { Site } from "@/lib/config/hugo-site";
import type { ContentIndex } from "./load";
import { isPublic } from "./publish";
import type { Post } from "./schema";
import type { Section } from "./sections";
import { termSlug } from "./terms";
import { aliasPath, contentRelative, looseRouteKey, routeKey, safeDecode, urlize } from "./urls";

/**
 * The site's URLs as an in-memory table built from the content index: every post, page, section, alias, taxonomy
 * term and old spelling, resolved by a Map lookup. proxy.ts consults it before Next.js routes a request and
 * rewrites a Hugo URL to the one internal route that renders it (`/blog/SLUG` for a post, `/hugo/...` for the
 * rest), redirects an alias or an old spelling, and sends any URL it does not know to the static 404 page.
 *
 * Why a table in the proxy and not a catch-all route: a catch-all page would render (and the cache would store)
 * every unknown path anyone sends; here an unknown path costs one Map lookup and is answered by the prerendered
 * 404, and the pages behind the rewrites stay ordinary static/ISR pages, cached once per post however many URLs
 * (Hugo's, /blog/SLUG, aliases) lead to it.
 */

export type RouteTarget =
  | { kind: "post"; post: Post }
  | { kind: "page"; page: Post }
  | { kind: "section"; section: Section; posts: Post[]; page: number }
  | { kind: "taxonomy"; plural: string }
  | { kind: "term"; plural: string; slug: string; posts: Post[]; page: number };

/** What the proxy does with a request path. */
export type Resolution =
  | { kind: "render"; target: RouteTarget; canonical: string; internal: string }
  | { kind: "redirect"; to: string }
  | { kind: "resource"; path: string }
  | { kind: "not-found" }
  | { kind: "pass" };

export type Table = {
  exact: Map<string, RouteTarget>;
  aliases: Map<string, RouteTarget>;
  loose: Map<string, RouteTarget>;
  slugs: Map<string, Post>;
  terms: Map<string, Map<string, Post[]>>;
};

const tables = new WeakMap<ContentIndex, Table>();

/** Posts of a section's list: those filed under its folder (nested folders included), newest first as in the index. */
function postsUnder(site: Site, dir: string, posts: readonly Post[]): Post[] {
  const rules = { kind: "hugo", contentDir: site.contentDir } as const;
  return posts.filter((post) => {
    const inside = contentRelative(post.file, { ...rules, permalinks: {}, uglyURLs: false, disablePathToLower: false, languages: [] });
    return inside.startsWith(`${dir}/`);
  });
}

/** The terms of a taxonomy as URL segments: Hugo's urlize on a Hugo site, Folio's termSlug on its own. */
export function termSegment(site: Site, name: string): string {
  return site.kind === "hugo" ? urlize(name, site.disablePathToLower) : termSlug(name);
}

function buildTable(index: ContentIndex): Table {
  const { site } = index;
  const table: Table = { exact: new Map(), aliases: new Map(), loose: new Map(), slugs: new Map(), terms: new Map() };
  const claim = (map: Map<string, RouteTarget>, key: string, target: RouteTarget) => {
    if (!map.has(key)) map.set(key, target);
  };
  const claimPost = (post: Post) => {
    const target: RouteTarget = { kind: "post", post };
    claim(table.exact, routeKey(post.path), target);
    claim(table.loose, looseRouteKey(post.path), target);
    if (post.slugAsWritten && site.kind === "folio") claim(table.loose, looseRouteKey(`/blog/${post.slugAsWritten}`), target);
    for (const alias of post.aliases) claim(table.aliases, routeKey(aliasPath(alias, post.path)), target);
    table.slugs.set(post.slug, post);
  };
  const claimPage = (page: Post) => {
    const target: RouteTarget = { kind: "page", page };
    claim(table.exact, routeKey(page.path), target);
    claim(table.loose, looseRouteKey(page.path), target);
    for (const alias of page.aliases) claim(table.aliases, routeKey(aliasPath(alias, page.path)), target);
  };
  // The default language's posts and pages claim their URLs first: a translation never shadows one of them.
  for (const post of index.posts) claimPost(post);
  for (const page of index.pages) if (page.lang === undefined) claimPage(page);
  for (const post of index.translations) claimPost(post);
  for (const page of index.pages) if (page.lang !== undefined) claimPage(page);
  if (site.kind === "hugo") {
    for (const section of index.sections) {
      const main = index.discovery.mainSections.some((s) => section.dir === s || section.dir.startsWith(`${s}/`));
      if (!main || section.draft) continue;
      const target: RouteTarget = { kind: "section", section, posts: postsUnder(site, section.dir, index.posts), page: 1 };
      claim(table.exact, routeKey(section.path), target);
      for (const alias of section.aliases) claim(table.aliases, routeKey(alias), target);
    }
    for (const plural of Object.values(site.taxonomies)) {
      const terms = new Map<string, Post[]>();
      for (const post of index.posts) {
        for (const name of post.taxonomies[plural] ?? []) {
          const slug = termSegment(site, name);
          if (slug) terms.set(slug, [...(terms.get(slug) ?? []), post]);
        }
      }
      table.terms.set(plural, terms);
    }
  }
  return table;
}

/** The route table of an index, built once per index. */
export function tableOf(index: ContentIndex): Table {
  let table = tables.get(index);
  if (!table) {
    table = buildTable(index);
    tables.set(index, table);
  }
  return table;
}

function publicTarget(target: RouteTarget | undefined, now: number): RouteTarget | undefined {
  if (!target) return undefined;
  if (target.kind === "post") return isPublic(target.post, now) ? target : undefined;
  if (target.kind === "page") return isPublic(target.page, now) ? target : undefined;
  return target;
}

const PAGE = /^(.*?)\/page\/([1-9]\d{0,5})$/;

/** The public path of a target (page N of a list included): where it answers with 200. */
export function canonicalPath(target: RouteTarget, site: Site): string {
  const slash = site.kind === "hugo" ? "/" : "";
  switch (target.kind) {
    case "post":
      return target.post.path;
    case "page":
      return target.page.path;
    case "section":
      return target.page === 1 ? target.section.path : `${target.section.path.replace(/\/$/, "")}/page/${target.page}${slash}`;
    case "taxonomy":
      return `/${target.plural}${slash}`;
    case "term":
      return `/${target.plural}/${target.slug}${slash}${target.page === 1 ? "" : `page/${target.page}${slash}`}`;
  }
}

/** The internal route that renders a target (see app/(site)/hugo). Segments are encoded; Next.js decodes them. */
export function internalPath(target: RouteTarget): string {
  const encode = (path: string) => path.split("/").filter(Boolean).map(encodeURIComponent).join("/");
  switch (target.kind) {
    case "post":
      return `/blog/${encodeURIComponent(target.post.slug)}`;
    case "page":
      return `/hugo/page/${encode(routeKey(target.page.path)) || "index"}`;
    case "section":
      return `/hugo/section/${target.page}/${encode(target.section.dir)}`;
    case "taxonomy":
      return `/hugo/terms/${encodeURIComponent(target.plural)}`;
    case "term":
      return `/hugo/terms/${encodeURIComponent(target.plural)}/${encodeURIComponent(target.slug)}/${target.page}`;
  }
}

/** A list target's page N, or undefined when the list has no such page. */
function listPage(target: RouteTarget, page: number, pagerSize: number): RouteTarget | undefined {
  if (target.kind !== "section" && target.kind !== "term") return undefined;
  const pages = Math.max(1, Math.ceil(target.posts.length / pagerSize));
  return page <= pages ? { ...target, page } : undefined;
}

function taxonomyTarget(table: Table, site: Site, key: string, now: number): RouteTarget | undefined {
  const [plural, slug, ...rest] = key.split("/").filter(Boolean);
  if (!plural || !table.terms.has(plural) || rest.length > 0) return undefined;
  if (slug === undefined) return { kind: "taxonomy", plural };
  const posts = (table.terms.get(plural)!.get(slug) ?? []).filter((post) => isPublic(post, now));
  return posts.length > 0 ? { kind: "term", plural, slug, posts, page: 1 } : undefined;
}

/** The target a path names on this site (public ones only), with `/page/N` lists resolved. */
function targetOf(table: Table, site: Site, key: string, now: number): RouteTarget | undefined {
  const found = publicTarget(table.exact.get(key), now);
  if (found) return found.kind === "section" ? { ...found, posts: found.posts.filter((post) => isPublic(post, now)) } : found;
  if (site.kind !== "hugo") return undefined;
  const paged = PAGE.exec(key);
  if (paged) {
    const list = targetOf(table, site, paged[1] || "/", now);
    return list ? listPage(list, Number(paged[2]), site.pagerSize) : undefined;
  }
  return taxonomyTarget(table, site, key, now);
}

// Folio's own routes, which Next.js serves as they are on both kinds of site.
const FOLIO_ROUTES = /^\/(?:$|admin(?:\/|$)|_next\/|blog(?:\/page\/[^/]+)?\/?$|blog\/[^/]+\/social-card\.png$|topics(?:\/|$)|tags(?:\/|$)|search\/?$|feed\.xml$|feed\.json$|atom\.xml$|sitemap\.xml$|robots\.txt$|social-card\.png$|icon\.svg$)/;
const BLOG_POST = /^\/blog\/([^/]+)\/?$/;

/** The language code a path starts with (`/fr/...`), when the site is multilingual and no content claims the path. */
function languagePrefix(site: Site, requested: string): string | undefined {
  if (site.kind !== "hugo" || site.languages.length < 2) return undefined;
  const first = requested.split("/")[1]?.toLowerCase();
  return first && site.languages.some((code) => code.toLowerCase() === first) ? first : undefined;
}

function render(target: RouteTarget, site: Site, requested: string): Resolution {
  const canonical = canonicalPath(target, site);
  // Any other spelling (no trailing slash, another case) redirects to the one the page answers at.
  if (requested !== canonical) return { kind: "redirect", to: canonical };
  return { kind: "render", target, canonical, internal: internalPath(target) };
}

/**
 * What a request path is on this site. `pathname` is the path as requested (percent-encoded); the answer is
 * "render" (rewrite to `internal`), "redirect" (308 to `to`), "resource" (a static file or a bundle's file, served
 * by app/(site)/hugo/file), "not-found" (a path of Folio's own kind that names nothing public), or "pass" (let
 * Next.js route it: Folio's own pages, feeds and assets).
 */
export function resolvePath(index: ContentIndex, pathname: string, now: number = Date.now()): Resolution {
  const { site } = index;
  const table = tableOf(index);
  const requested = safeDecode(pathname).normalize("NFC");
  // Hugo's links carry the baseURL's path (`/hugo-PaperMod/posts/x/`); Folio serves the site at its root.
  if (site.basePath && (requested === site.basePath || requested.startsWith(`${site.basePath}/`))) {
    const rest = requested.slice(site.basePath.length) || "/";
    const inner = resolvePath(index, rest, now);
    if (inner.kind === "render") return { kind: "redirect", to: inner.canonical };
    if (inner.kind === "redirect" || inner.kind === "pass") return { kind: "redirect", to: inner.kind === "redirect" ? inner.to : rest };
    return inner;
  }
  const key = routeKey(requested);
  const target = targetOf(table, site, key, now);
  if (target) {
    const resolved = render(target, site, requested);
    // Folio's own posts answer at /blog/SLUG, which is already their route: nothing to rewrite.
    return resolved.kind === "render" && resolved.internal === requested ? { kind: "pass" } : resolved;
  }
  const alias = publicTarget(table.aliases.get(key), now);
  if (alias) return { kind: "redirect", to: canonicalPath(alias, site) };
  // Another language's URL that names no translation (`/fr/posts/x/` of a post not translated, a language's lists,
  // `/en/` for the default one): Folio lists only the default language, so it redirects to the same page there.
  const language = languagePrefix(site, requested);
  if (language) {
    const inner = resolvePath(index, requested.slice(language.length + 1) || "/", now);
    if (inner.kind === "render") return { kind: "redirect", to: inner.canonical };
    if (inner.kind === "redirect") return inner;
    if (inner.kind === "pass" && requested.replace(/\/+$/, "") === `/${language}`) return { kind: "redirect", to: "/" };
  }
  const blog = BLOG_POST.exec(requested);
  if (blog) {
    const post = table.slugs.get(blog[1]!);
    if (post && isPublic(post, now)) return { kind: "redirect", to: post.path };
  }
  if (site.kind === "hugo" && /^\/(?:.*\/)?index\.xml$/.test(requested)) return { kind: "redirect", to: "/feed.xml" };
  const loose = publicTarget(table.loose.get(looseRouteKey(requested)), now);
  if (loose) return { kind: "redirect", to: canonicalPath(loose, site) };
  if (blog) return { kind: "not-found" };
  // Under a taxonomy of the site, whatever the table does not know is no term of it.
  if (table.terms.has(requested.split("/")[1] ?? "")) return { kind: "not-found" };
  if (FOLIO_ROUTES.test(requested)) return { kind: "pass" };
  // The internal routes answer only through a rewrite from here, never to a request for them by name.
  if (/^\/hugo(?:\/|$)/.test(requested)) return { kind: "not-found" };
  if (site.kind === "hugo") return { kind: "resource", path: requested };
  return { kind: "pass" };
}

/** The public posts of a route target that lists posts (a section or a term), for its page. */
export function listedPosts(target: RouteTarget, pagerSize: number): { posts: Post[]; page: number; pages: number } {
  if (target.kind !== "section" && target.kind !== "term") return { posts: [], page: 1, pages: 1 };
  const pages = Math.max(1, Math.ceil(target.posts.length / pagerSize));
  return { posts: target.posts.slice((target.page - 1) * pagerSize, target.page * pagerSize), page: target.page, pages };
}

/** The terms of a taxonomy with how many public posts carry each, most used first (a Hugo site's term list). */
export function taxonomyTerms(index: ContentIndex, plural: string, now: number = Date.now()): { slug: string; name: string; count: number }[] {
  const terms = tableOf(index).terms.get(plural);
  if (!terms) return [];
  const out: { slug: string; name: string; count: number }[] = [];
  for (const [slug, posts] of terms) {
    const live = posts.filter((post) => isPublic(post, now));
    if (live.length === 0) continue;
    const name = (live[0]!.taxonomies[plural] ?? []).find((n) => termSegment(index.site, n) === slug) ?? slug;
    out.push({ slug, name, count: live.length });
  }
  return out.sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug));
}
