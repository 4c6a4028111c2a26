import "server-only";
import { readEnv } from "@/lib/config/env";
import { getPublishedPosts, getTerms } from "./posts";
import type { Post } from "./schema";
import type { Term, TermKind } from "./terms";

/** The list pages a build prerenders (`/blog/page/2` to `/blog/page/5`): readers start at the first ones. */
export const PRERENDER_LIST_PAGES = 5;
/** The topics and tags a build prerenders: the most used. The rest render on their first request. */
export const PRERENDER_TERMS = 20;

/**
 * The number of newest posts to prerender: FOLIO_PRERENDER_POSTS when it is a whole number (0 prerenders none),
 * else DEFAULT_PRERENDER_POSTS. Older posts are rendered on their first request and then cached like the
 * prerendered ones.
 */
export function prerenderLimit(): number {
  return readEnv("FOLIO_PRERENDER_POSTS");
}

/**
 * The posts `generateStaticParams` returns: the newest public ones, up to prerenderLimit(). Build time grows with
 * this number, not with the size of the archive; drafts and scheduled posts are never among them.
 */
export async function getPostsToPrerender(): Promise<Post[]> {
  return (await getPublishedPosts()).slice(0, prerenderLimit());
}

/** The further pages of a list of `total` pages that a build prerenders: 2 to PRERENDER_LIST_PAGES at most. */
export function listPagesToPrerender(total: number): number[] {
  return Array.from({ length: Math.max(0, Math.min(total, PRERENDER_LIST_PAGES) - 1) }, (_, i) => i + 2);
}

/** The topics (or tags) a build prerenders: the PRERENDER_TERMS most used, never one only a draft carries. */
export async function getTermsToPrerender(kind: TermKind): Promise<Term[]> {
  return (await getTerms(kind)).slice(0, PRERENDER_TERMS);
}
